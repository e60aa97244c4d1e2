/**
 * The alarms a platform team expects besides "DLQ not empty": each on a sum
 * over 5-minute (or hourly) periods, notifying the optional SNS topic on alarm
 * and on recovery. Missing data is "not breaching" throughout: every metric
 * alarmed on here is only emitted when something happened (Lambda's Errors
 * and Throttles only for invocations, the tagger's Failed only on a failure),
 * so no data means nothing went wrong.
 */
import type { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { topicActions } from '../dead-letter-queue';
import { FAILURE_REASONS } from '../../functions/tagger/metrics';
import { lambdaMetric, sweepFailedTargets, sweepResources, taggerCount, type MetricRef, type MetricSource } from './metrics';

export interface AlarmTarget {
  /** The AWS provider of the alarms' region. */
  readonly provider: TerraformProvider;
  /** SNS topic of the same region notified on alarm and on recovery. @default none: the alarms exist, nobody is notified */
  readonly alarmTopicArn?: string;
}

interface Evaluation {
  readonly periodSeconds: number;
  /** How many of the last `evaluationPeriods` periods must reach the threshold. */
  readonly datapointsToAlarm: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
}

const FIVE_MINUTES = 300;
const ONE_HOUR = 3600;

/** Failing in 2 of the last 3 five-minute periods: a lasting problem, not one event Lambda's retries will carry. */
const PERSISTENT: Evaluation = { periodSeconds: FIVE_MINUTES, datapointsToAlarm: 2, evaluationPeriods: 3, threshold: 1 };
/** Throttled in each of the last 3 five-minute periods: Lambda retries throttled events for hours, a short burst costs nothing. */
const SUSTAINED: Evaluation = { periodSeconds: FIVE_MINUTES, datapointsToAlarm: 3, evaluationPeriods: 3, threshold: 1 };
/** Once in an hour: a daily sweep runs once, so every bad run is worth a look. */
const ANY_RUN: Evaluation = { periodSeconds: ONE_HOUR, datapointsToAlarm: 1, evaluationPeriods: 1, threshold: 1 };

const common = (target: AlarmTarget, name: string, description: string, evaluation: Evaluation) => ({
  provider: target.provider,
  alarmName: name,
  alarmDescription: description,
  evaluationPeriods: evaluation.evaluationPeriods,
  datapointsToAlarm: evaluation.datapointsToAlarm,
  threshold: evaluation.threshold,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: topicActions(target.alarmTopicArn),
  okActions: topicActions(target.alarmTopicArn),
});

/**
 * An alarm on the sum of one metric, or of several (metric math: a metric
 * with no data in a period adds nothing, an alarm cannot use SEARCH).
 */
const sumAlarm = (
  scope: Construct,
  id: string,
  target: AlarmTarget,
  name: string,
  description: string,
  metrics: readonly MetricRef[],
  evaluation: Evaluation,
) => {
  const settings = common(target, name, description, evaluation);
  if (metrics.length === 1) {
    return new CloudwatchMetricAlarm(scope, id, { ...settings, ...metrics[0], statistic: 'Sum', period: evaluation.periodSeconds });
  }
  const queries = metrics.map((metric, i) => ({
    id: `m${i}`,
    returnData: false,
    metric: { ...metric, stat: 'Sum', period: evaluation.periodSeconds },
  }));
  return new CloudwatchMetricAlarm(scope, id, {
    ...settings,
    metricQuery: [...queries, { id: 'total', label: 'Sum', returnData: true, expression: `SUM([${queries.map((q) => q.id).join(',')}])` }],
  });
};

export interface TaggerAlarmsProps extends AlarmTarget {
  /** The tagger function's name: its PROD alias is what EventBridge invokes, so Lambda's metrics of that alias are alarmed on. */
  readonly functionName: string;
  /** The alias EventBridge invokes. */
  readonly aliasName: string;
  /** Where the function's own metrics go. */
  readonly metrics: MetricSource;
}

/**
 * The tagger's alarms, created directly in `scope` (ids `errors-alarm`,
 * `throttles-alarm`, `failed-alarm`): Lambda's Errors (every thrown attempt,
 * and also what the function cannot count itself: a timeout, a bad
 * environment at cold start), Throttles, and the function's own `Failed`
 * count summed over every failure reason.
 */
export const addTaggerAlarms = (scope: Construct, props: TaggerAlarmsProps) => {
  const { functionName, aliasName } = props;
  const errors = sumAlarm(
    scope,
    'errors-alarm',
    props,
    `${functionName}-errors`,
    'auto-tag: tagger invocations keep failing (errors, timeouts or a bad environment); events go to the dead-letter queue after Lambda retries',
    [lambdaMetric('Errors', functionName, aliasName)],
    PERSISTENT,
  );
  const throttles = sumAlarm(
    scope,
    'throttles-alarm',
    props,
    `${functionName}-throttles`,
    'auto-tag: the tagger has been throttled for 15 minutes (reserved concurrency or the account pool too small); tagging lags',
    [lambdaMetric('Throttles', functionName, aliasName)],
    SUSTAINED,
  );
  const failed = sumAlarm(
    scope,
    'failed-alarm',
    props,
    `${functionName}-failed`,
    'auto-tag: the tagger keeps failing to tag events (see the "failed" log lines: reason and error); they reach the dead-letter queue',
    FAILURE_REASONS.map((reason) => taggerCount(props.metrics, 'failed', reason)),
    PERSISTENT,
  );
  return { errors, throttles, failed };
};

export interface SweepAlarmsProps extends AlarmTarget {
  /** The scheduled reconcile function's name. */
  readonly functionName: string;
  /** Where the sweep's own metrics go. */
  readonly metrics: MetricSource;
}

/**
 * The scheduled sweep's alarms, directly in `scope` (ids `sweep-failed-alarm`,
 * `sweep-untagged-alarm`): a run that failed (the function's errors, accounts
 * and regions it could not read, resources it could not tag), and a run that
 * found resources without their creator tags (tagged or without a record:
 * either way the event path missed them).
 */
export const addSweepAlarms = (scope: Construct, props: SweepAlarmsProps) => ({
  failed: sumAlarm(
    scope,
    'sweep-failed-alarm',
    props,
    `${props.functionName}-failed`,
    'auto-tag: the reconcile sweep failed, or could not read an account and region or tag a resource (see its log); what the events missed stays untagged until a run succeeds',
    [lambdaMetric('Errors', props.functionName), sweepFailedTargets(props.metrics), sweepResources(props.metrics, 'failed')],
    ANY_RUN,
  ),
  untagged: sumAlarm(
    scope,
    'sweep-untagged-alarm',
    props,
    `${props.functionName}-found-untagged`,
    'auto-tag: the reconcile sweep found resources without their creator tags: the event path missed them (see "Troubleshooting: a resource was not tagged" in the README)',
    [sweepResources(props.metrics, 'tagged'), sweepResources(props.metrics, 'no-record')],
    ANY_RUN,
  ),
});
