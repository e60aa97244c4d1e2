import { Construct } from 'constructs';
import { AssetType, TerraformAsset, TerraformOutput } from 'cdktf';
import { DEFAULTS, renderEnvironment } from '../../functions/tagger/environment';
import { CentralBus } from '../central-bus';
import { functionBundleDir } from '../function-bundles';
import { RoleWithPolicy } from '../iam-role';
import { functionRolePermissions } from '../policies/function-role';
import { serviceTrustPolicy } from '../policies/service-trust';
import type { Config } from '../config/schema';
import { arn, namesFor } from '../naming';
import { TaggerFunction } from '../tagger-function';
import { AccountStack } from './account-stack';

export interface CentralStackProps {
  /** The validated organization config (`parseConfig`/`loadConfig`). */
  readonly config: Config;
  /**
   * Directory holding the bundled tagger function (`index.js`, handler
   * `index.handler`), zipped as the Lambda code; a relative path is taken
   * from the current directory.
   * @default the bundle shipped in the npm package
   */
  readonly taggerBundleDir?: string;
}

/** The central (tooling) account: in every region, the central bus and the tagger behind it. */
export class CentralStack extends AccountStack {
  readonly buses: readonly CentralBus[];
  readonly functions: readonly TaggerFunction[];

  constructor(scope: Construct, id: string, props: CentralStackProps) {
    const { config } = props;
    const accountId = config.centralAccountId;
    super(scope, id, { config, accountId, regions: config.regions });
    const names = namesFor(config);

    // IAM is global: one execution role serves the function of every region.
    const role = new RoleWithPolicy(this, 'tagger-function-role', {
      roleName: names.functionRole,
      description: 'auto-tag: the central tagger function; assumes the tagger role in member accounts',
      trust: serviceTrustPolicy('lambda.amazonaws.com', accountId),
      policyName: 'tagger-function',
      permissions: functionRolePermissions({
        accountId,
        regions: config.regions,
        organizationId: config.organizationId,
        logGroupName: names.functionLogGroup,
        taggerRoleName: names.taggerRole,
        deadLetterQueueName: names.deadLetterQueue,
        functionName: names.functionName,
      }),
    });
    const code = new TerraformAsset(this, 'tagger-code', {
      path: functionBundleDir('taggerBundleDir', props.taggerBundleDir, 'tagger'),
      type: AssetType.ARCHIVE,
    });
    // The function's whole environment, from the contract it reads it by.
    const environment = renderEnvironment({
      roleName: names.taggerRole,
      rolePath: DEFAULTS.rolePath,
      ownerTagKey: config.tagKeys.owner,
      principalIdTagKey: config.tagKeys.principalId,
      extraTagKeys: { createdAt: config.tagKeys.createdAt, creatorArn: config.tagKeys.creatorArn, invokedBy: config.tagKeys.invokedBy },
      metricsNamespace: DEFAULTS.metricsNamespace,
    });

    this.buses = config.regions.map(
      (region) =>
        new CentralBus(this, `bus-${region}`, {
          name: names.centralBus,
          region,
          provider: this.regionProvider(region),
          accountId,
          organizationId: config.organizationId,
          forwardingRoleName: names.forwardingRole(region),
        }),
    );
    const { alarmTopicName, ...functionSettings } = config.function;
    this.functions = config.regions.map(
      (region, i) =>
        new TaggerFunction(this, `tagger-${region}`, {
          ...functionSettings,
          provider: this.regionProvider(region),
          functionName: names.functionName,
          logGroupName: names.functionLogGroup,
          deadLetterQueueName: names.deadLetterQueue,
          ruleName: names.centralRule,
          busName: this.buses[i].bus.name,
          roleArn: role.role.arn,
          codeZipPath: code.path,
          codeHash: code.assetHash,
          environment,
          alarmTopicArn: alarmTopicName && arn.topic(region, accountId, alarmTopicName),
        }),
    );

    new TerraformOutput(this, 'central-bus-arns', { value: this.buses.map((b) => b.bus.arn) });
    new TerraformOutput(this, 'dead-letter-queue-urls', { value: this.functions.map((f) => f.deadLetterQueue.url) });
  }
}
