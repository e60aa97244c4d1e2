/**
 * One CloudWatch dashboard per region of the central account: what the
 * tagger did with the events (tagged, skipped and failed by reason), how long
 * tagging took after the call, the dead-letter queue, Lambda's own errors and
 * throttles, and the reconcile sweep's results (resources by action per run,
 * what it could not read, its errors). The body is a pure function of
 * names, so a test reads exactly what CloudWatch will draw.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { SWEEP_ACTIONS } from '../../functions/reconcile/metrics';
import {
  lambdaMetric,
  queueDepth,
  sweepFailedTargets,
  sweepResources,
  tagDelay,
  taggerSearch,
  type MetricRef,
  type MetricSource,
} from './metrics';

export interface DashboardInput {
  /** The region every widget reads (the dashboard's own). */
  readonly region: string;
  /** Where the tagger's metrics go. */
  readonly metrics: MetricSource;
  readonly functionName: string;
  /** The alias EventBridge invokes (Lambda's metrics of that alias are drawn). */
  readonly aliasName: string;
  readonly deadLetterQueueName: string;
  /** The scheduled reconcile sweep, in the dashboard of the region it runs in. @default no sweep widget */
  readonly sweep?: {
    readonly functionName: string;
    /** Where its metrics go. */
    readonly metrics: MetricSource;
  };
}

const PERIOD = 300;
const WIDTH = 12;
const HEIGHT = 6;

type WidgetMetric = readonly unknown[];

const metric = (ref: MetricRef, options: Record<string, unknown>): WidgetMetric => [
  ref.namespace,
  ref.metricName,
  ...Object.entries(ref.dimensions).flat(),
  options,
];

const expression = (expr: string, id: string, label?: string): WidgetMetric => [
  { expression: expr, id, ...(label !== undefined && { label }) },
];

interface Widget {
  readonly title: string;
  readonly metrics: readonly WidgetMetric[];
  /** The y-axis label. */
  readonly unit?: string;
}

/** The dashboard body (the `dashboard_body` JSON), widgets two to a row. */
export const dashboardBody = (input: DashboardInput): string => {
  const { metrics: source, sweep } = input;
  const widgets: Widget[] = [
    {
      title: 'Events: tagged, skipped, failed',
      metrics: [
        expression(`SUM(${taggerSearch(source, 'tagged', 'Sum', PERIOD)})`, 'tagged', 'Tagged'),
        expression(`SUM(${taggerSearch(source, 'skipped', 'Sum', PERIOD)})`, 'skipped', 'Skipped'),
        expression(`SUM(${taggerSearch(source, 'failed', 'Sum', PERIOD)})`, 'failed', 'Failed'),
      ],
      unit: 'events',
    },
    {
      title: 'Delay from eventTime to tags written',
      metrics: [
        metric(tagDelay(source), { stat: 'p50', label: 'p50' }),
        metric(tagDelay(source), { stat: 'p90', label: 'p90' }),
        metric(tagDelay(source), { stat: 'Maximum', label: 'max' }),
      ],
      unit: 'ms',
    },
    { title: 'Skipped by reason', metrics: [expression(taggerSearch(source, 'skipped', 'Sum', PERIOD), 'skipped')], unit: 'events' },
    { title: 'Failed by reason', metrics: [expression(taggerSearch(source, 'failed', 'Sum', PERIOD), 'failed')], unit: 'attempts' },
    { title: 'Tagged by caller', metrics: [expression(taggerSearch(source, 'tagged', 'Sum', PERIOD), 'tagged')], unit: 'events' },
    {
      title: 'Dead-letter queue depth',
      metrics: [metric(queueDepth(input.deadLetterQueueName), { stat: 'Maximum', label: 'messages waiting' })],
      unit: 'messages',
    },
    {
      title: `Tagger function (${input.aliasName}): invocations, errors, throttles`,
      metrics: (['Invocations', 'Errors', 'Throttles'] as const).map((name) =>
        metric(lambdaMetric(name, input.functionName, input.aliasName), { stat: 'Sum', label: name }),
      ),
      unit: 'count',
    },
    ...(sweep
      ? [
          {
            title: 'Reconcile sweep',
            metrics: [
              ...SWEEP_ACTIONS.map((action) =>
                metric(sweepResources(sweep.metrics, action), { stat: 'Sum', label: `resources ${action}` }),
              ),
              metric(sweepFailedTargets(sweep.metrics), { stat: 'Sum', label: 'accounts and regions not read' }),
              metric(lambdaMetric('Errors', sweep.functionName), { stat: 'Sum', label: 'sweep errors' }),
            ],
            unit: 'count',
          },
        ]
      : []),
  ];
  return JSON.stringify({
    widgets: widgets.map((widget, i) => ({
      type: 'metric',
      x: (i % 2) * WIDTH,
      y: Math.floor(i / 2) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: widget.title,
        region: input.region,
        view: 'timeSeries',
        stacked: false,
        period: PERIOD,
        stat: 'Sum',
        metrics: widget.metrics,
        yAxis: { left: { label: widget.unit, min: 0, showUnits: false } },
      },
    })),
  });
};

export interface OperationsDashboardProps extends DashboardInput {
  /** The AWS provider of the dashboard's region. */
  readonly provider: TerraformProvider;
  /** The dashboard's name (unique per account and region). */
  readonly dashboardName: string;
}

/** The dashboard of one region (resource id `dashboard`). */
export class OperationsDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { provider, dashboardName, ...input } = props;
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', { provider, dashboardName, dashboardBody: dashboardBody(input) });
  }
}
