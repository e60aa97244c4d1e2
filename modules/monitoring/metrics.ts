/**
 * Where each metric the alarms and the dashboard read lives: namespace, name
 * and the exact dimension set (CloudWatch finds a metric only by all of its
 * dimensions). The tagger's and the sweep's own come from the constants their
 * handlers emit by (`functions/tagger/metrics.ts`, `functions/reconcile/metrics.ts`).
 */
import { SWEEP_METRICS, type SweepAction } from '../../functions/reconcile/metrics';
import { SERVICE_DIMENSION, TAGGER_METRICS } from '../../functions/tagger/metrics';

export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Where a function's custom metrics go: its Powertools namespace and service name. */
export interface MetricSource {
  readonly namespace: string;
  readonly service: string;
}

/** A tagger count (Tagged, Skipped or Failed) for one value of its own dimension (a caller, a reason). */
export const taggerCount = (source: MetricSource, metric: 'tagged' | 'skipped' | 'failed', value: string): MetricRef => {
  const { name, dimension } = TAGGER_METRICS[metric];
  return { namespace: source.namespace, metricName: name, dimensions: { [SERVICE_DIMENSION]: source.service, [dimension]: value } };
};

/** The delay from the event's eventTime to the tags written (no dimension but the service). */
export const tagDelay = (source: MetricSource): MetricRef => ({
  namespace: source.namespace,
  metricName: TAGGER_METRICS.tagDelay.name,
  dimensions: { [SERVICE_DIMENSION]: source.service },
});

/**
 * A CloudWatch SEARCH expression for every value of a tagger metric's own
 * dimension (each skip reason, each caller), so a value added to the function
 * shows up without a dashboard change. `{namespace,dim,...}` matches exactly
 * that dimension set.
 */
export const taggerSearch = (
  source: MetricSource,
  metric: 'tagged' | 'skipped' | 'failed',
  stat: string,
  periodSeconds: number,
): string => {
  const { name, dimension } = TAGGER_METRICS[metric];
  const quote = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  const schema = [source.namespace, dimension, SERVICE_DIMENSION].map(quote).join(',');
  return `SEARCH('{${schema}} MetricName=${quote(name)} ${SERVICE_DIMENSION}=${quote(source.service)}', '${stat}', ${periodSeconds})`;
};

/** Lambda's own metric of a function, or of one alias of it (Lambda's `Resource` dimension is `<function>:<alias>`). */
export const lambdaMetric = (
  metricName: 'Errors' | 'Throttles' | 'Invocations' | 'Duration',
  functionName: string,
  alias?: string,
): MetricRef => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: alias === undefined ? { FunctionName: functionName } : { FunctionName: functionName, Resource: `${functionName}:${alias}` },
});

/** Messages waiting in an SQS queue (the dead-letter queue's depth). */
export const queueDepth = (queueName: string): MetricRef => ({
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: queueName },
});

/** The sweep's count of resources that ended with one action in a run. */
export const sweepResources = (source: MetricSource, action: SweepAction): MetricRef => ({
  namespace: source.namespace,
  metricName: SWEEP_METRICS.resources,
  dimensions: { [SERVICE_DIMENSION]: source.service, [SWEEP_METRICS.actionDimension]: action },
});

/** The sweep's count of accounts and regions it could not read in a run. */
export const sweepFailedTargets = (source: MetricSource): MetricRef => ({
  namespace: source.namespace,
  metricName: SWEEP_METRICS.failedTargets,
  dimensions: { [SERVICE_DIMENSION]: source.service },
});
