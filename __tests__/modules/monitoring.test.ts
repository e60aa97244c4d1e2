import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountNotOnboarded } from '../../functions/tagger/credentials';
import { SWEEP_ACTIONS, SWEEP_METRICS } from '../../functions/reconcile/metrics';
import { FAILURE_REASONS } from '../../functions/tagger/metrics';
import { addSweepAlarms } from '../../modules/monitoring/alarms';
import { dashboardBody, type DashboardInput } from '../../modules/monitoring/dashboard';
import { fixture } from '../fixtures/cloudtrail-events';
import { echoEc2, metricOf, named, runHandler, sessionsFor } from '../support/tagger/harness';
import { regionOf, resources, synthOrganization, type StackJson } from '../support/synth';

const REGIONS = ['eu-west-1', 'us-east-1'];
const TOPIC = 'platform-alerts';
/** The example config's homeRegion: where the sweep runs. */
const HOME = 'eu-west-1';

interface Emitted {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Record<string, string>;
}

/**
 * What the real handler emits (through the real Powertools Metrics) for a
 * tagged event, each kind of skip the fixtures give, and each failure reason:
 * the metrics the dashboard and alarms must find, exactly.
 */
const emittedByTheHandler = async (): Promise<Emitted[]> => {
  const dryRun = fixture('RunInstances');
  dryRun.detail.errorCode = 'Client.DryRunOperation';
  const runs = [
    await runHandler(fixture('CreateVolume')),
    await runHandler(dryRun),
    await runHandler(fixture('CreateSnapshot'), {
      sessions: sessionsFor(() => Promise.reject(new AccountNotOnboarded('111122223333')) as never),
    }),
    await runHandler(fixture('CreateImage'), {
      sessions: sessionsFor(() => {
        throw named('ThrottlingException');
      }),
    }),
    await runHandler(fixture('CreateVolume'), { ec2: echoEc2(() => named('InvalidVolume.NotFound')) }),
  ];
  return runs
    .flatMap((run) => [...run.metrics, ...run.delays].map(metricOf))
    .map(({ namespace, name, dimensions }) => ({ namespace, name, dimensions }));
};

/** Parses a dashboard's SEARCH('{ns,dim,...} MetricName="x" service="y"', ...) back into what it matches. */
const searchOf = (expression: string) => {
  const found = /SEARCH\('\{([^}]*)\} MetricName="([^"]+)" service="([^"]+)"'/.exec(expression);
  if (!found) throw new Error(`not a SEARCH this test reads: ${expression}`);
  const [namespace, ...dimensions] = found[1].split(',').map((part) => JSON.parse(part) as string);
  return { namespace, dimensions: dimensions.sort(), name: found[2], service: found[3] };
};

/** Does a widget's metric line draw this emitted metric? (a plain metric: all of it equal; a SEARCH: its name, namespace and dimension set) */
const draws = (line: any[], metric: Emitted): boolean => {
  if (typeof line[0] === 'object') {
    const search = searchOf(line[0].expression);
    return (
      search.namespace === metric.namespace &&
      search.name === metric.name &&
      search.service === metric.dimensions.service &&
      JSON.stringify(search.dimensions) === JSON.stringify(Object.keys(metric.dimensions).sort())
    );
  }
  const [namespace, name, ...rest] = line;
  const pairs = rest.filter((item) => typeof item === 'string');
  const dimensions = Object.fromEntries(Array.from({ length: pairs.length / 2 }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]]));
  return namespace === metric.namespace && name === metric.name && JSON.stringify(dimensions) === JSON.stringify(metric.dimensions);
};

const INPUT: DashboardInput = {
  region: 'eu-west-1',
  metrics: { namespace: 'AutoTag', service: 'auto-tag' },
  functionName: 'auto-tag-tagger',
  aliasName: 'PROD',
  deadLetterQueueName: 'auto-tag-tagger-dlq',
};

describe('dashboardBody', () => {
  const body = JSON.parse(dashboardBody(INPUT));
  const widget = (title: string) => {
    const found = body.widgets.find((w: any) => w.properties.title === title);
    if (!found) throw new Error(`no widget ${title}`);
    return found.properties;
  };

  it('draws every metric the handler emits, by its exact name, namespace and dimensions', async () => {
    const emitted = await emittedByTheHandler();
    expect(new Set(emitted.map((m) => m.name))).toEqual(new Set(['Tagged', 'Skipped', 'Failed', 'TagDelay']));
    expect(new Set(emitted.filter((m) => m.name === 'Failed').map((m) => m.dimensions.Reason))).toEqual(new Set(FAILURE_REASONS));
    const lines = body.widgets.flatMap((w: any) => w.properties.metrics);
    for (const metric of emitted)
      expect({ metric, drawn: lines.some((line: any[]) => draws(line, metric)) }).toEqual({ metric, drawn: true });
  });

  it('shows skipped and failed by reason and tagged by caller, whatever values the function adds later', () => {
    expect(searchOf(widget('Skipped by reason').metrics[0][0].expression)).toEqual({
      namespace: 'AutoTag',
      dimensions: ['Reason', 'service'],
      name: 'Skipped',
      service: 'auto-tag',
    });
    expect(searchOf(widget('Failed by reason').metrics[0][0].expression)).toMatchObject({
      name: 'Failed',
      dimensions: ['Reason', 'service'],
    });
    expect(searchOf(widget('Tagged by caller').metrics[0][0].expression)).toMatchObject({
      name: 'Tagged',
      dimensions: ['Caller', 'service'],
    });
  });

  it('shows the delay from eventTime to the tags written as p50, p90 and max', () => {
    const delay = widget('Delay from eventTime to tags written');
    expect(delay.metrics.map((line: any[]) => line.at(-1).stat)).toEqual(['p50', 'p90', 'Maximum']);
    expect(delay.metrics[0].slice(0, -1)).toEqual(['AutoTag', 'TagDelay', 'service', 'auto-tag']);
  });

  it("shows the DLQ's depth and Lambda's invocations, errors and throttles of the PROD alias", () => {
    expect(widget('Dead-letter queue depth').metrics).toEqual([
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', 'auto-tag-tagger-dlq', { stat: 'Maximum', label: 'messages waiting' }],
    ]);
    expect(widget('Tagger function (PROD): invocations, errors, throttles').metrics.map((line: any[]) => line.slice(0, 6))).toEqual(
      ['Invocations', 'Errors', 'Throttles'].map((name) => [
        'AWS/Lambda',
        name,
        'FunctionName',
        'auto-tag-tagger',
        'Resource',
        'auto-tag-tagger:PROD',
      ]),
    );
  });

  it("shows the sweep's results and errors when there is a sweep, and no sweep widget without one", () => {
    expect(body.widgets.map((w: any) => w.properties.title)).not.toContain('Reconcile sweep');
    const withSweep = JSON.parse(dashboardBody({ ...INPUT, sweep: { functionName: 'auto-tag-reconcile', metrics: INPUT.metrics } }));
    const sweep = withSweep.widgets.find((w: any) => w.properties.title === 'Reconcile sweep').properties;
    expect(sweep.metrics.map((line: any[]) => line.slice(0, -1))).toEqual([
      ...SWEEP_ACTIONS.map((action) => ['AutoTag', SWEEP_METRICS.resources, 'service', 'auto-tag', SWEEP_METRICS.actionDimension, action]),
      ['AutoTag', SWEEP_METRICS.failedTargets, 'service', 'auto-tag'],
      ['AWS/Lambda', 'Errors', 'FunctionName', 'auto-tag-reconcile'],
    ]);
  });

  it('lays the widgets out two to a row, every one reading its own region', () => {
    expect(body.widgets.map((w: any) => [w.x, w.y, w.width, w.height])).toEqual(
      body.widgets.map((_: unknown, i: number) => [(i % 2) * 12, Math.floor(i / 2) * 6, 12, 6]),
    );
    expect(new Set(body.widgets.map((w: any) => w.properties.region))).toEqual(new Set(['eu-west-1']));
  });
});

describe('central stack: alarms and dashboards', () => {
  const withTopic = synthOrganization({ function: { alarmTopicName: TOPIC } }).central;
  const withoutTopic = synthOrganization().central;
  const alarms = (stack: StackJson, region: string): Record<string, Record<string, any>> =>
    Object.fromEntries(
      resources(stack, 'aws_cloudwatch_metric_alarm')
        .filter((a) => regionOf(stack, a) === region)
        .map((a) => [a.alarm_name, a]),
    );

  it('alarms per region on the DLQ, Lambda errors and throttles of the PROD alias, and the Failed count, all to the topic', () => {
    for (const region of REGIONS) {
      const byName = alarms(withTopic, region);
      expect(
        Object.keys(byName)
          .filter((name) => name.startsWith('auto-tag-tagger-'))
          .sort(),
      ).toEqual(['auto-tag-tagger-dlq-not-empty', 'auto-tag-tagger-errors', 'auto-tag-tagger-failed', 'auto-tag-tagger-throttles']);
      const topic = `arn:aws:sns:${region}:222222222222:${TOPIC}`;
      for (const name of ['auto-tag-tagger-errors', 'auto-tag-tagger-throttles', 'auto-tag-tagger-failed']) {
        expect(byName[name]).toMatchObject({ alarm_actions: [topic], ok_actions: [topic], treat_missing_data: 'notBreaching' });
      }
      for (const [name, metric] of [
        ['auto-tag-tagger-errors', 'Errors'],
        ['auto-tag-tagger-throttles', 'Throttles'],
      ]) {
        expect(byName[name]).toMatchObject({
          namespace: 'AWS/Lambda',
          metric_name: metric,
          dimensions: { FunctionName: 'auto-tag-tagger', Resource: 'auto-tag-tagger:PROD' },
          statistic: 'Sum',
          period: 300,
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          threshold: 1,
        });
      }
      // Errors: 2 of 3 five-minute periods; throttles: all 3 (Lambda retries throttled events for hours).
      expect([byName['auto-tag-tagger-errors'].datapoints_to_alarm, byName['auto-tag-tagger-errors'].evaluation_periods]).toEqual([2, 3]);
      expect([byName['auto-tag-tagger-throttles'].datapoints_to_alarm, byName['auto-tag-tagger-throttles'].evaluation_periods]).toEqual([
        3, 3,
      ]);
    }
  });

  it('sums the Failed metric over every reason the handler emits, each by its exact dimensions', async () => {
    const failed = alarms(withTopic, 'eu-west-1')['auto-tag-tagger-failed'];
    const queried = failed.metric_query
      .filter((q: any) => q.metric)
      .map((q: any) => ({ namespace: q.metric.namespace, name: q.metric.metric_name, dimensions: q.metric.dimensions }));
    const emitted = (await emittedByTheHandler()).filter((m) => m.name === 'Failed');
    const key = (m: Emitted) => JSON.stringify([m.namespace, m.name, Object.entries(m.dimensions).sort()]);
    expect(new Set(queried.map(key))).toEqual(new Set(emitted.map(key)));
    expect(failed.metric_query.find((q: any) => q.return_data)).toMatchObject({ expression: 'SUM([m0,m1])' });
  });

  it('creates the alarms without actions when no topic is configured', () => {
    for (const alarm of Object.values(alarms(withoutTopic, 'us-east-1'))) {
      expect([alarm.alarm_name, alarm.alarm_actions, alarm.ok_actions]).toEqual([alarm.alarm_name, undefined, undefined]);
    }
  });

  it('has one dashboard per region, named after it, drawing that region; the sweep on its home region only', () => {
    const dashboards = resources(withoutTopic, 'aws_cloudwatch_dashboard');
    expect(dashboards.map((d) => [regionOf(withoutTopic, d), d.dashboard_name])).toEqual(REGIONS.map((r) => [r, `auto-tag-${r}`]));
    const sweep = { functionName: 'auto-tag-reconcile', metrics: { namespace: 'AutoTag', service: 'auto-tag-reconcile' } };
    for (const dashboard of dashboards) {
      const region = regionOf(withoutTopic, dashboard);
      expect(dashboard.dashboard_body).toBe(dashboardBody({ ...INPUT, region, ...(region === HOME && { sweep }) }));
    }
    // The sweep's function is the one synthesized there.
    expect(
      resources(withoutTopic, 'aws_lambda_function')
        .filter((fn) => fn.function_name === sweep.functionName)
        .map((fn) => regionOf(withoutTopic, fn)),
    ).toEqual([HOME]);
  });

  it("keeps the sweep's metrics apart from the tagger's: each function's service is what its alarms and widgets name", () => {
    const functions = Object.fromEntries(
      resources(withoutTopic, 'aws_lambda_function').map((fn) => [fn.function_name, fn.environment.variables.POWERTOOLS_SERVICE_NAME]),
    );
    expect(functions).toEqual({ 'auto-tag-tagger': 'auto-tag', 'auto-tag-reconcile': 'auto-tag-reconcile' });
    const services = (name: string) =>
      new Set(
        resources(withoutTopic, 'aws_cloudwatch_metric_alarm')
          .filter((alarm) => alarm.alarm_name.startsWith(name))
          .flatMap((alarm) => [alarm.dimensions, ...(alarm.metric_query ?? []).map((q: any) => q.metric?.dimensions)])
          .map((dimensions) => dimensions?.service)
          .filter((service) => service !== undefined),
      );
    // The tagger's Failed alarm never counts a sweep's failure, and the other way round.
    expect(services('auto-tag-tagger-')).toEqual(new Set(['auto-tag']));
    expect(services('auto-tag-reconcile-')).toEqual(new Set(['auto-tag-reconcile']));
  });
});

describe('addSweepAlarms', () => {
  const stack = (() => {
    const app = Testing.app();
    const scope = new TerraformStack(app, 'sweep');
    const provider = new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
    addSweepAlarms(scope, {
      provider,
      functionName: 'auto-tag-reconcile',
      metrics: { namespace: 'AutoTag', service: 'auto-tag' },
      alarmTopicArn: 'arn:aws:sns:eu-west-1:222222222222:ops',
    });
    return JSON.parse(Testing.synth(scope)) as StackJson;
  })();
  const byName = Object.fromEntries(resources(stack, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a]));
  const queried = (name: string) =>
    byName[name].metric_query.filter((q: any) => q.metric).map((q: any) => [q.metric.namespace, q.metric.metric_name, q.metric.dimensions]);

  it("alarms when a run fails: the sweep's errors, targets it could not read, resources it could not tag", () => {
    expect(queried('auto-tag-reconcile-failed')).toEqual([
      ['AWS/Lambda', 'Errors', { FunctionName: 'auto-tag-reconcile' }],
      ['AutoTag', SWEEP_METRICS.failedTargets, { service: 'auto-tag' }],
      ['AutoTag', SWEEP_METRICS.resources, { service: 'auto-tag', [SWEEP_METRICS.actionDimension]: 'failed' }],
    ]);
  });

  it('alarms when a run found resources without their creator tags (tagged now, or without a record)', () => {
    expect(queried('auto-tag-reconcile-found-untagged')).toEqual(
      ['tagged', 'no-record'].map((action) => [
        'AutoTag',
        SWEEP_METRICS.resources,
        { service: 'auto-tag', [SWEEP_METRICS.actionDimension]: action },
      ]),
    );
    expect(SWEEP_ACTIONS).toEqual(expect.arrayContaining(['tagged', 'no-record', 'failed']));
    // Hourly: the sweep runs once a period, so any run that finds something is worth a look.
    expect(byName['auto-tag-reconcile-found-untagged']).toMatchObject({
      evaluation_periods: 1,
      threshold: 1,
      treat_missing_data: 'notBreaching',
    });
    expect(byName['auto-tag-reconcile-found-untagged'].metric_query[0].metric.period).toBe(3600);
  });
});
