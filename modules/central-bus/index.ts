import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { arn } from '../naming';
import { toTerraformJson } from '../policies/document';
import { centralBusPolicy } from '../policies/event-forwarding';

export interface CentralBusProps {
  /** The bus's name (the same in every region; member forwarding rules target it by ARN). */
  readonly name: string;
  /** The bus's region, for its ARN in the bus policy. */
  readonly region: string;
  /** The AWS provider of `region` (an alias per region: AWS provider 5.x has no resource-level region). */
  readonly provider: TerraformProvider;
  /** The central account that owns the bus, for its ARN in the bus policy. */
  readonly accountId: string;
  /** Only principals of this organization may put events on the bus, ... */
  readonly organizationId: string;
  /** ... and only as the forwarding role of this region. */
  readonly forwardingRoleName: string;
}

/** The bus in one region of the central account that every member's forwarding rule targets. */
export class CentralBus extends Construct {
  readonly bus: CloudwatchEventBus;

  constructor(scope: Construct, id: string, props: CentralBusProps) {
    super(scope, id);
    this.bus = new CloudwatchEventBus(this, 'bus', { provider: props.provider, name: props.name });
    new CloudwatchEventBusPolicy(this, 'policy', {
      provider: props.provider,
      eventBusName: this.bus.name,
      policy: toTerraformJson(
        centralBusPolicy({
          busArn: arn.eventBus(props.region, props.accountId, props.name),
          organizationId: props.organizationId,
          forwardingRoleName: props.forwardingRoleName,
        }),
      ),
    });
  }
}
