import type { Construct } from 'constructs';
import { AssetType, TerraformAsset, TerraformOutput, type TerraformProvider } from 'cdktf';
import type { Settings } from '../../functions/tagger/environment';
import { CentralBus } from '../central-bus';
import { functionBundleDir } from '../function-bundles';
import { RoleWithPolicy } from '../iam-role';
import { functionRolePermissions } from '../policies/function-role';
import { serviceTrustPolicy } from '../policies/service-trust';
import type { Config } from '../config/schema';
import { OperationsDashboard, type DashboardInput } from '../monitoring/dashboard';
import { arn, FUNCTION_ALIAS, homeRegion, namesFor, taggerSettingsFor, type Names } from '../naming';
import { addCentralSweep, type ReconcileSweep } from '../reconcile-sweep';
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
  /**
   * Directory holding the bundled reconcile sweep (`index.js`), as `taggerBundleDir`.
   * @default the bundle shipped in the npm package
   */
  readonly sweepBundleDir?: string;
}

/** The central (tooling) account: in every region, the central bus and the tagger behind it. */
export class CentralStack extends AccountStack {
  readonly buses: readonly CentralBus[];
  readonly functions: readonly TaggerFunction[];
  readonly sweep: ReconcileSweep;

  constructor(scope: Construct, id: string, props: CentralStackProps) {
    const { config } = props;
    const accountId = config.centralAccountId;
    super(scope, id, { config, accountId, regions: config.regions });
    const names = namesFor(config);

    // IAM is global: one execution role serves the function of every region.
    const role = addCentralGlobal(this, { accountId, regions: config.regions, organizationId: config.organizationId, names });
    const code = new TerraformAsset(this, 'tagger-code', {
      path: functionBundleDir('taggerBundleDir', props.taggerBundleDir, 'tagger'),
      type: AssetType.ARCHIVE,
    });
    // What the function reads from its environment: TaggerFunction renders it by the same contract.
    const taggerSettings = taggerSettingsFor(config);

    const { alarmTopicName, ...settings } = config.function;
    this.sweep = addCentralSweep(this, {
      config,
      names,
      provider: this.regionProvider(homeRegion(config)),
      taggerSettings,
      bundleDir: functionBundleDir('sweepBundleDir', props.sweepBundleDir, 'reconcile'),
      alarmTopicArn: alarmTopicName && arn.topic(homeRegion(config), accountId, alarmTopicName),
    });
    const regional = config.regions.map((region) =>
      addCentralRegion(this, {
        id: region,
        region,
        provider: this.regionProvider(region),
        accountId,
        organizationId: config.organizationId,
        names,
        roleArn: role.role.arn,
        code: { zipPath: code.path, hash: code.assetHash },
        taggerSettings,
        settings,
        alarmTopicArn: alarmTopicName && arn.topic(region, accountId, alarmTopicName),
        // The sweep runs in the home region: its results are on that region's dashboard.
        ...(region === homeRegion(config) && { sweep: { functionName: names.sweepFunction, metrics: this.sweep.metrics } }),
      }),
    );
    this.buses = regional.map((r) => r.bus);
    this.functions = regional.map((r) => r.tagger);

    new TerraformOutput(this, 'central-bus-arns', { value: this.buses.map((b) => b.bus.arn) });
    new TerraformOutput(this, 'dead-letter-queue-urls', { value: this.functions.map((f) => f.deadLetterQueue.url) });
  }
}

/** What the central account needs once (IAM is global). */
export interface CentralGlobalProps {
  /** The central account. */
  readonly accountId: string;
  /** Every region the function runs in (its logs, queues and function ARNs there). */
  readonly regions: readonly string[];
  /** The organization whose tagger roles the function may assume. */
  readonly organizationId: string;
  /** The names everything is created and found by (`namesFor`). */
  readonly names: Names;
}

/**
 * The central account's global part: the function's execution role, which
 * the function of every region runs as. The central stack and the
 * `central-global` Terraform module both build it here.
 */
export const addCentralGlobal = (scope: Construct, props: CentralGlobalProps): RoleWithPolicy =>
  new RoleWithPolicy(scope, 'tagger-function-role', {
    roleName: props.names.functionRole,
    description: 'auto-tag: the central tagger function; assumes the tagger role in member accounts',
    trust: serviceTrustPolicy('lambda.amazonaws.com', props.accountId),
    policyName: 'tagger-function',
    permissions: functionRolePermissions({
      accountId: props.accountId,
      regions: props.regions,
      organizationId: props.organizationId,
      logGroupName: props.names.functionLogGroup,
      taggerRoleName: props.names.taggerRole,
      deadLetterQueueName: props.names.deadLetterQueue,
      functionName: props.names.functionName,
    }),
  });

/** The function settings of the config (`config.function`), but the alarm topic, which comes as an ARN. */
export type FunctionSettings = Omit<Config['function'], 'alarmTopicName'>;

/** What the central account needs in one region. */
export interface CentralRegionProps {
  /**
   * The suffix of this region's construct ids (`bus-<id>`, `tagger-<id>`),
   * which are Terraform addresses: the stack uses the region's name.
   */
  readonly id: string;
  /** The region. */
  readonly region: string;
  /** The AWS provider of `region`. */
  readonly provider: TerraformProvider;
  /** The central account. */
  readonly accountId: string;
  /** The organization whose forwarding roles may put events on the bus. */
  readonly organizationId: string;
  /** The names everything is created and found by (`namesFor`). */
  readonly names: Names;
  /** The function's execution role (`addCentralGlobal`). */
  readonly roleArn: string;
  /** The zipped function code and a hash that changes with it. */
  readonly code: { readonly zipPath: string; readonly hash: string };
  /** What the function reads from its environment (role, tag keys, metrics namespace). */
  readonly taggerSettings: Settings;
  /** Runtime, memory, timeout, log retention, concurrency and delivery retries. */
  readonly settings: FunctionSettings;
  /**
   * SNS topic of this region notified by the alarms (DLQ not empty, the
   * function's errors, throttles and failed events).
   * @default none: the alarms exist, nobody is notified
   */
  readonly alarmTopicArn?: string;
  /**
   * The reconcile sweep, drawn on this region's dashboard (the region it runs in).
   * @default none: no sweep widget
   */
  readonly sweep?: DashboardInput['sweep'];
}

/**
 * The central account's part in one region: the central bus and the tagger
 * function behind its rule. The central stack builds it for each region, the
 * `central-regional` Terraform module once, with its caller's provider.
 */
export const addCentralRegion = (
  scope: Construct,
  props: CentralRegionProps,
): { bus: CentralBus; tagger: TaggerFunction; dashboard: OperationsDashboard } => {
  const { names, provider } = props;
  const bus = new CentralBus(scope, `bus-${props.id}`, {
    name: names.centralBus,
    region: props.region,
    provider,
    accountId: props.accountId,
    organizationId: props.organizationId,
    forwardingRoleName: names.forwardingRole(props.region),
  });
  const tagger = new TaggerFunction(scope, `tagger-${props.id}`, {
    ...props.settings,
    provider,
    functionName: names.functionName,
    logGroupName: names.functionLogGroup,
    deadLetterQueueName: names.deadLetterQueue,
    ruleName: names.centralRule,
    busName: bus.bus.name,
    roleArn: props.roleArn,
    codeZipPath: props.code.zipPath,
    codeHash: props.code.hash,
    taggerSettings: props.taggerSettings,
    alarmTopicArn: props.alarmTopicArn,
  });
  const dashboard = new OperationsDashboard(scope, `dashboard-${props.id}`, {
    provider,
    dashboardName: names.dashboard(props.region),
    region: props.region,
    metrics: tagger.metrics,
    functionName: names.functionName,
    aliasName: FUNCTION_ALIAS,
    deadLetterQueueName: names.deadLetterQueue,
    ...(props.sweep && { sweep: props.sweep }),
  });
  return { bus, tagger, dashboard };
};
