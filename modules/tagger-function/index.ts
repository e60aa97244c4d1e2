import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { renderEnvironment, SERVICE_NAME, type Settings } from '../../functions/tagger/environment';
import { addDeadLetterQueue } from '../dead-letter-queue';
import { cloudTrailEventPattern } from '../event-pattern';
import { toTerraformJson } from '../policies/document';
import { deadLetterQueuePolicy } from '../policies/event-forwarding';
import { addTaggerAlarms } from '../monitoring/alarms';
import type { MetricSource } from '../monitoring/metrics';
import { FUNCTION_ALIAS } from '../naming';

export interface TaggerFunctionProps {
  /** The AWS provider of the function's region (an alias per region: AWS provider 5.x has no resource-level region). */
  readonly provider: TerraformProvider;
  /** The Lambda function's name; also the prefix of its alarms' names (`<name>-errors`, `-throttles`, `-failed`). */
  readonly functionName: string;
  /** The function's log group (`/aws/lambda/<functionName>`), created with its retention before the function can make one without. */
  readonly logGroupName: string;
  /** The SQS queue where undeliverable events and failed invocations are parked (alarm `<name>-not-empty`). */
  readonly deadLetterQueueName: string;
  /** The rule on the central bus that matches the catalogue's events and invokes the function's PROD alias. */
  readonly ruleName: string;
  /** Name of the central bus of this region, whose events the function handles. */
  readonly busName: string;
  /** The function's execution role (one for every region: it assumes the tagger role in member accounts). */
  readonly roleArn: string;
  /** The bundled code: a zip holding `index.js` (handler `index.handler`). */
  readonly codeZipPath: string;
  /** Changes whenever the code does, so Terraform publishes a new version. */
  readonly codeHash: string;
  /**
   * What the function reads from its environment (role, tag keys, metrics
   * namespace), rendered into it by the contract it reads it with
   * (`functions/tagger/environment.ts`); the alarms read the metrics where it writes them.
   */
  readonly taggerSettings: Settings;
  /** Lambda runtime, `nodejs22.x` or `nodejs24.x` (the function runs on arm64). */
  readonly runtime: string;
  /** Memory in MB (CPU scales with it). */
  readonly memorySize: number;
  /** Seconds an invocation may run; the SDK's own timeouts keep a hanging endpoint well inside it. */
  readonly timeoutSeconds: number;
  /**
   * Concurrency reserved for (and capping) the function, and so the EC2 API rate.
   * @default none: the function draws on the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /** Days the function's logs are kept (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** EventBridge's delivery retries before the event is parked in the DLQ. */
  readonly maximumRetryAttempts: number;
  /** Seconds after which EventBridge, and Lambda's async retries, give an event up to the DLQ. */
  readonly maximumEventAgeSeconds: number;
  /**
   * ARN of an SNS topic in this region notified by every alarm: events in the
   * DLQ, and the function's errors, throttles and failed events.
   * @default none: the alarms exist, nobody is notified
   */
  readonly alarmTopicArn?: string;
}

/**
 * The tagger in one region: the rule on the central bus invokes the function's
 * PROD alias; events that cannot be delivered, and invocations that still fail
 * after Lambda's own retries, land in one dead-letter queue.
 */
export class TaggerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;
  readonly rule: CloudwatchEventRule;
  readonly deadLetterQueue: SqsQueue;
  readonly deadLetterAlarm: CloudwatchMetricAlarm;
  /** Alarms on Lambda's Errors and Throttles of the PROD alias, and on the function's own Failed count. */
  readonly alarms: Readonly<Record<'errors' | 'throttles' | 'failed', CloudwatchMetricAlarm>>;
  /** Where the function's own metrics go (its Powertools namespace and service), for dashboards. */
  readonly metrics: MetricSource;

  constructor(scope: Construct, id: string, props: TaggerFunctionProps) {
    super(scope, id);
    const provider = props.provider;

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      provider,
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
    });

    this.function = new LambdaFunction(this, 'function', {
      provider,
      functionName: props.functionName,
      description: 'auto-tag: tags new EC2 resources with their creator',
      role: props.roleArn,
      filename: props.codeZipPath,
      sourceCodeHash: props.codeHash,
      handler: 'index.handler',
      runtime: props.runtime,
      architectures: ['arm64'],
      memorySize: props.memorySize,
      timeout: props.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      publish: true,
      environment: { variables: renderEnvironment(props.taggerSettings) },
      // Referencing the log group orders its creation (with retention) before Lambda could make one without.
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
    });

    this.alias = new LambdaAlias(this, 'alias', {
      provider,
      name: FUNCTION_ALIAS,
      functionName: this.function.functionName,
      functionVersion: this.function.version,
    });

    const deadLetters = addDeadLetterQueue(this, {
      provider,
      queueName: props.deadLetterQueueName,
      alarmDescription: 'auto-tag: events the tagger could not handle are waiting in the dead-letter queue',
      alarmTopicArn: props.alarmTopicArn,
      ids: { queue: 'dlq', alarm: 'dlq-alarm' },
    });
    this.deadLetterQueue = deadLetters.queue;
    this.deadLetterAlarm = deadLetters.alarm;

    this.metrics = { namespace: props.taggerSettings.metricsNamespace, service: SERVICE_NAME };
    this.alarms = addTaggerAlarms(this, {
      provider,
      alarmTopicArn: props.alarmTopicArn,
      functionName: props.functionName,
      aliasName: FUNCTION_ALIAS,
      metrics: this.metrics,
    });

    this.rule = new CloudwatchEventRule(this, 'rule', {
      provider,
      name: props.ruleName,
      description: 'auto-tag: supported EC2 create calls from every member account',
      eventBusName: props.busName,
      eventPattern: JSON.stringify(cloudTrailEventPattern()),
    });

    new SqsQueuePolicy(this, 'dlq-policy', {
      provider,
      queueUrl: this.deadLetterQueue.url,
      policy: toTerraformJson(deadLetterQueuePolicy({ queueArn: this.deadLetterQueue.arn, ruleArn: this.rule.arn })),
    });

    const permission = new LambdaPermission(this, 'invoke-permission', {
      provider,
      statementId: 'AllowCentralRule',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });

    new CloudwatchEventTarget(this, 'target', {
      provider,
      rule: this.rule.name,
      eventBusName: props.busName,
      targetId: 'tagger',
      arn: this.alias.arn,
      retryPolicy: {
        maximumRetryAttempts: props.maximumRetryAttempts,
        maximumEventAgeInSeconds: props.maximumEventAgeSeconds,
      },
      deadLetterConfig: { arn: this.deadLetterQueue.arn },
      dependsOn: [permission],
    });

    // EventBridge invokes asynchronously: a thrown error (an AWS failure after
    // the SDK's retries) is retried by Lambda, then recorded with its error in the DLQ.
    new LambdaFunctionEventInvokeConfig(this, 'async-failures', {
      provider,
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: props.maximumEventAgeSeconds,
      destinationConfig: { onFailure: { destination: this.deadLetterQueue.arn } },
    });
  }
}
