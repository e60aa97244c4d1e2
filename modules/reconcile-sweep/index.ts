import { Construct } from 'constructs';
import { AssetType, Fn, TerraformAsset, Token, type TerraformProvider } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { renderSweepEnvironment, SWEEP_SERVICE_NAME, type SweepSettings } from '../../functions/reconcile/environment';
import type { SweepInput } from '../../functions/reconcile/input';
import type { Settings } from '../../functions/tagger/environment';
import type { Config } from '../config/schema';
import { RoleWithPolicy } from '../iam-role';
import { addSweepAlarms } from '../monitoring/alarms';
import type { MetricSource } from '../monitoring/metrics';
import { accountRegions, arn, deployRoleName, homeRegion, orgTrailBucketName, type Names } from '../naming';
import {
  sweepRolePermissions,
  sweepRoleTrustPolicy,
  sweepSchedulerPermissions,
  sweepSchedulerTrustPolicy,
  type TrailReadProps,
} from '../policies/sweep-role';
import { terraformJson } from '../policies/document';

export interface ReconcileSweepProps {
  /** The AWS provider of the sweep's region (the home region). */
  readonly provider: TerraformProvider;
  /** The central account. */
  readonly accountId: string;
  /** The sweep's region: one function sweeps every region. */
  readonly region: string;
  /** The organization whose tagger roles the sweep may assume. */
  readonly organizationId: string;
  /** The function's name, and its log group's. */
  readonly functionName: string;
  readonly logGroupName: string;
  /** The function's execution role, and the role EventBridge Scheduler invokes it with. */
  readonly roleName: string;
  readonly schedulerRoleName: string;
  /** The schedule's name (default group). */
  readonly scheduleName: string;
  /** The central account's deploy role: the reconcile command assumes the sweep role through it. */
  readonly deployRoleArn: string;
  /** The bundled sweep: a zip holding `index.js` (handler `index.handler`), and a hash that changes with it. */
  readonly code: { readonly zipPath: string; readonly hash: string };
  /** What the function reads from its environment (functions/reconcile/environment.ts): the tagger's settings and where the records are. */
  readonly settings: SweepSettings;
  /** The trail's log files the role may read; absent: LookupEvents only. @default none */
  readonly trail?: TrailReadProps;
  /** What every run sweeps (the schedule's input): each account with its regions. */
  readonly input: SweepInput;
  /** EventBridge Scheduler expression, `rate(...)` or `cron(...)` (UTC). */
  readonly schedule: string;
  /** The off switch: false creates the schedule DISABLED (function and roles stay). */
  readonly enabled: boolean;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  /** SNS topic of the sweep's region notified by its alarms. @default none: the alarms exist, nobody is notified */
  readonly alarmTopicArn?: string;
}

/**
 * The scheduled reconcile sweep in the central account: a Lambda function
 * (its own bundle) run by EventBridge Scheduler, which reads the trail's
 * creation records and tags what the events missed through the tagger role
 * of each member account; its alarms (a failed run, untagged resources found).
 */
export class ReconcileSweep extends Construct {
  readonly function: LambdaFunction;
  readonly role: RoleWithPolicy;
  readonly schedule: SchedulerSchedule;
  /** Where the sweep's metrics go (the tagger's namespace, the sweep's own service). */
  readonly metrics: MetricSource;

  constructor(scope: Construct, id: string, props: ReconcileSweepProps) {
    super(scope, id);
    const { provider } = props;
    const functionArn = arn.lambdaFunction(props.region, props.accountId, props.functionName);
    const scheduleArn = `arn:aws:scheduler:${props.region}:${props.accountId}:schedule/default/${props.scheduleName}`;

    this.role = new RoleWithPolicy(this, 'role', {
      roleName: props.roleName,
      description: 'auto-tag: the reconcile sweep; reads the trail and assumes the tagger role in member accounts',
      trust: sweepRoleTrustPolicy({ accountId: props.accountId, deployRoleArn: props.deployRoleArn }),
      policyName: 'reconcile-sweep',
      permissions: sweepRolePermissions({
        accountId: props.accountId,
        region: props.region,
        organizationId: props.organizationId,
        logGroupName: props.logGroupName,
        taggerRoleName: props.settings.tagger.roleName,
        ...(props.trail && { trail: props.trail }),
      }),
    });
    const logGroup = new CloudwatchLogGroup(this, 'logs', { provider, name: props.logGroupName, retentionInDays: props.logRetentionDays });
    this.function = new LambdaFunction(this, 'function', {
      provider,
      functionName: props.functionName,
      description: 'auto-tag: tags what the events missed, from the creation records',
      role: this.role.role.arn,
      filename: props.code.zipPath,
      sourceCodeHash: props.code.hash,
      handler: 'index.handler',
      runtime: props.runtime,
      architectures: ['arm64'],
      memorySize: props.memorySize,
      timeout: props.timeoutSeconds,
      // One run at a time: two sweeps would only do the same work twice.
      reservedConcurrentExecutions: 1,
      environment: { variables: renderSweepEnvironment(props.settings) },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
    });

    const scheduler = new RoleWithPolicy(this, 'scheduler-role', {
      roleName: props.schedulerRoleName,
      description: 'auto-tag: EventBridge Scheduler invokes the reconcile sweep',
      trust: sweepSchedulerTrustPolicy({ accountId: props.accountId, sweepFunctionArn: functionArn, scheduleArn }),
      policyName: 'invoke-sweep',
      permissions: sweepSchedulerPermissions({ accountId: props.accountId, sweepFunctionArn: functionArn, scheduleArn }),
    });
    this.schedule = new SchedulerSchedule(this, 'schedule', {
      provider,
      name: props.scheduleName,
      description: 'auto-tag: the reconcile sweep',
      scheduleExpression: props.schedule,
      // A Terraform boolean (the central-sweep module's input) is decided by Terraform.
      state: Token.isUnresolved(props.enabled)
        ? Token.asString(Fn.conditional(props.enabled, 'ENABLED', 'DISABLED'))
        : props.enabled
          ? 'ENABLED'
          : 'DISABLED',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.function.arn,
        roleArn: scheduler.role.arn,
        input: terraformJson(props.input),
        // A failed sweep is not retried within the period: the next run repeats it, and the alarm says so.
        retryPolicy: { maximumRetryAttempts: 0 },
      },
    });

    this.metrics = { namespace: props.settings.tagger.metricsNamespace, service: SWEEP_SERVICE_NAME };
    addSweepAlarms(this, { provider, functionName: props.functionName, metrics: this.metrics, alarmTopicArn: props.alarmTopicArn });
  }
}

export interface CentralSweepProps {
  /** The validated organization config: its `reconcile`, accounts, regions and trail. */
  readonly config: Config;
  readonly names: Names;
  /** The AWS provider of the home region, where the sweep runs. */
  readonly provider: TerraformProvider;
  /** The tagger's settings: the sweep writes the same tags as the same role. */
  readonly taggerSettings: Settings;
  /** The folder holding the sweep's bundle (`index.js`). */
  readonly bundleDir: string;
  /** SNS topic of the home region for the sweep's alarms. @default none */
  readonly alarmTopicArn?: string;
}

/**
 * The central stack's sweep, from the config: in the home region, reading
 * the trail this project creates (or `reconcile.trailBucket`), sweeping
 * every account in the regions it covers. Construct ids `reconcile-code`
 * and `reconcile-sweep`.
 */
export const addCentralSweep = (scope: Construct, props: CentralSweepProps): ReconcileSweep => {
  const { config, names } = props;
  const region = homeRegion(config);
  const created = orgTrailBucketName(config);
  const bucket = config.reconcile.trailBucket ?? (created === undefined ? undefined : { name: created, region, keyPrefix: undefined });
  const code = new TerraformAsset(scope, 'reconcile-code', { path: props.bundleDir, type: AssetType.ARCHIVE });
  return new ReconcileSweep(scope, 'reconcile-sweep', {
    provider: props.provider,
    accountId: config.centralAccountId,
    region,
    organizationId: config.organizationId,
    functionName: names.sweepFunction,
    logGroupName: names.sweepLogGroup,
    roleName: names.sweepRole,
    schedulerRoleName: names.sweepSchedulerRole,
    scheduleName: names.sweepSchedule,
    deployRoleArn: arn.role(config.centralAccountId, deployRoleName(config, config.centralAccountId)),
    code: { zipPath: code.path, hash: code.assetHash },
    settings: {
      tagger: props.taggerSettings,
      organizationId: config.organizationId,
      lookbackDays: config.reconcile.lookbackDays,
      ...(bucket && {
        trailBucket: bucket.name,
        trailBucketRegion: bucket.region,
        ...(bucket.keyPrefix && { trailKeyPrefix: bucket.keyPrefix }),
      }),
    },
    // The org trail lives in the management account: its key encrypts the log files.
    ...(bucket && {
      trail: { bucket: bucket.name, region: bucket.region, keyPrefix: bucket.keyPrefix, trailAccountId: config.managementAccountId },
    }),
    input: { accounts: config.accounts.map((account) => ({ id: account.id, regions: [...accountRegions(config, account)] })) },
    schedule: config.reconcile.schedule,
    enabled: config.reconcile.enabled,
    runtime: config.function.runtime,
    memorySize: config.reconcile.memorySize,
    timeoutSeconds: config.reconcile.timeoutSeconds,
    logRetentionDays: config.function.logRetentionDays,
    ...(props.alarmTopicArn && { alarmTopicArn: props.alarmTopicArn }),
  });
};
