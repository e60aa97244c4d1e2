import { SUPPORTED_EVENT_NAMES } from '../../functions/tagger/catalogue';
import { cloudTrailEventPattern } from '../../modules/event-pattern';
import { iamDocument, only, regionOf, resources, synthOrganization } from '../support/synth';

const REGIONS = ['eu-west-1', 'us-east-1'];

describe('central stack: buses and the tagger behind them', () => {
  const central = synthOrganization().central;
  // The tagger's resources of a region (the reconcile sweep's, in the home region, have their own tests).
  const notSweep = (r: Record<string, any>) => !/auto-tag-reconcile/.test(r.function_name ?? r.name ?? '');
  const inRegion = (type: string, region: string) => only(central, type, (r) => regionOf(central, r) === region && notSweep(r));

  it("creates one central bus per region, open to the organization's forwarding roles of that region only", () => {
    expect(resources(central, 'aws_cloudwatch_event_bus').map((b) => [regionOf(central, b), b.name])).toEqual(
      REGIONS.map((r) => [r, 'auto-tag']),
    );
    for (const region of REGIONS) {
      const doc = iamDocument(inRegion('aws_cloudwatch_event_bus_policy', region).policy);
      expect(doc.Statement).toEqual([
        {
          Sid: 'PutEventsFromOrganizationForwardersOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: `arn:aws:events:${region}:222222222222:event-bus/auto-tag`,
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
            ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/auto-tag-forwarder-${region}` },
          },
        },
      ]);
    }
  });

  it('matches exactly the events of the function catalogue on the central bus', () => {
    for (const region of REGIONS) {
      const rule = inRegion('aws_cloudwatch_event_rule', region);
      expect(rule.event_bus_name).toMatch(/^\$\{aws_cloudwatch_event_bus\..+\.name\}$/);
      const pattern = JSON.parse(rule.event_pattern);
      expect(pattern).toEqual(cloudTrailEventPattern());
      expect(pattern.detail.eventName).toEqual([...SUPPORTED_EVENT_NAMES]);
      expect(pattern.detail.eventName).toEqual(expect.arrayContaining(['RunInstances', 'CreateVolume', 'CreateSnapshot', 'CreateImage']));
    }
  });

  it('targets the PROD alias of a published version, with retries and a dead-letter queue', () => {
    for (const region of REGIONS) {
      const fn = inRegion('aws_lambda_function', region);
      expect(fn).toMatchObject({ publish: true, architectures: ['arm64'], runtime: 'nodejs22.x', handler: 'index.handler' });
      const alias = inRegion('aws_lambda_alias', region);
      expect(alias.name).toBe('PROD');
      expect(alias.function_version).toMatch(/^\$\{aws_lambda_function\..+\.version\}$/);

      const target = inRegion('aws_cloudwatch_event_target', region);
      expect(target.arn).toMatch(/^\$\{aws_lambda_alias\..+\.arn\}$/);
      expect(target.retry_policy).toEqual({ maximum_retry_attempts: 8, maximum_event_age_in_seconds: 3600 });
      expect(target.dead_letter_config.arn).toMatch(/^\$\{aws_sqs_queue\..+\.arn\}$/);

      const permission = inRegion('aws_lambda_permission', region);
      expect(permission).toMatchObject({ principal: 'events.amazonaws.com', action: 'lambda:InvokeFunction' });
      expect(permission.qualifier).toMatch(/^\$\{aws_lambda_alias\..+\.name\}$/);
      expect(permission.source_arn).toMatch(/^\$\{aws_cloudwatch_event_rule\..+\.arn\}$/);

      const invokeConfig = inRegion('aws_lambda_function_event_invoke_config', region);
      expect(invokeConfig.destination_config.on_failure.destination).toBe(target.dead_letter_config.arn);
      expect(invokeConfig.qualifier).toMatch(/aws_lambda_alias/);
    }
  });

  it('lets only the central rule write to the dead-letter queue', () => {
    const queuePolicy = inRegion('aws_sqs_queue_policy', 'eu-west-1');
    const doc = iamDocument(queuePolicy.policy);
    expect(doc.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': expect.stringMatching(/aws_cloudwatch_event_rule\..+\.arn/) } },
    });
    expect(inRegion('aws_sqs_queue', 'eu-west-1')).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
  });

  it('keeps function logs with a retention in a log group the function writes to', () => {
    for (const region of REGIONS) {
      expect(inRegion('aws_cloudwatch_log_group', region)).toMatchObject({ name: '/aws/lambda/auto-tag-tagger', retention_in_days: 365 });
      expect(inRegion('aws_lambda_function', region).logging_config.log_group).toMatch(/aws_cloudwatch_log_group\./);
    }
  });

  it('tells the function which role to assume and which tag keys to write', () => {
    const fn = inRegion('aws_lambda_function', 'us-east-1');
    expect(fn.environment.variables).toMatchObject({
      TAGGER_ROLE_NAME: 'auto-tag-tagger',
      OWNER_TAG_KEY: 'Owner',
      PRINCIPAL_ID_TAG_KEY: 'PrincipalId',
    });
    expect(fn.filename).toMatch(/^assets\/tagger-code\/[0-9A-F]+\/archive\.zip$/);
  });

  it('gives the function role only its logs, the tagger role inside the organization, and its DLQs', () => {
    const role = only(central, 'aws_iam_role', (r) => r.name === 'auto-tag-tagger-function');
    expect(role.name).toBe('auto-tag-tagger-function');
    expect(iamDocument(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'TrustedServiceForThisAccountOnly',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } },
      },
    ]);
    const doc = iamDocument(only(central, 'aws_iam_role_policy', (p) => p.name === 'tagger-function').policy);
    const assume = doc.Statement.find((s: any) => s.Action === 'sts:AssumeRole');
    expect(assume).toMatchObject({
      Resource: 'arn:aws:iam::*:role/auto-tag-tagger',
      Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
    });
    expect(doc.Statement.find((s: any) => s.Action === 'sqs:SendMessage').Resource).toEqual([
      'arn:aws:sqs:eu-west-1:222222222222:auto-tag-tagger-dlq',
      'arn:aws:sqs:us-east-1:222222222222:auto-tag-tagger-dlq',
    ]);
  });

  it('raises an alarm as soon as an event waits in a dead-letter queue, to the configured topic of its region', () => {
    const dlqAlarm = (stack: typeof central, region: string) =>
      only(stack, 'aws_cloudwatch_metric_alarm', (a) => regionOf(stack, a) === region && a.namespace === 'AWS/SQS');
    const alarm = dlqAlarm(central, 'us-east-1');
    expect(alarm).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      treat_missing_data: 'notBreaching',
    });
    expect(alarm.dimensions.QueueName).toBe(
      `\${${Object.keys(central.resource.aws_sqs_queue)
        .map((k) => `aws_sqs_queue.${k}.name`)
        .find((ref) => ref.includes('us-east-1'))}}`,
    );
    expect(alarm.alarm_actions).toBeUndefined();
    const notified = synthOrganization({ function: { alarmTopicName: 'platform-alerts' } }).central;
    expect(dlqAlarm(notified, 'eu-west-1').alarm_actions).toEqual(['arn:aws:sns:eu-west-1:222222222222:platform-alerts']);
  });

  it('honours the function settings of the config', () => {
    const custom = synthOrganization({
      function: { runtime: 'nodejs24.x', memorySize: 512, maximumRetryAttempts: 3, reservedConcurrency: 20 },
    }).central;
    const fn = only(custom, 'aws_lambda_function', (r) => regionOf(custom, r) === 'eu-west-1' && r.function_name === 'auto-tag-tagger');
    expect(fn).toMatchObject({ runtime: 'nodejs24.x', memory_size: 512, timeout: 60, reserved_concurrent_executions: 20 });
    expect(inRegion('aws_lambda_function', 'eu-west-1').reserved_concurrent_executions).toBeUndefined();
    expect(
      only(custom, 'aws_cloudwatch_event_target', (r) => regionOf(custom, r) === 'eu-west-1').retry_policy.maximum_retry_attempts,
    ).toBe(3);
  });
});
