import type { Construct } from 'constructs';
import { Fn, Token, type TerraformProvider } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { queueDepth } from '../monitoring/metrics';

export interface DeadLetterQueueProps {
  readonly provider: TerraformProvider;
  readonly queueName: string;
  /** What is waiting when the alarm fires, for whoever reads it. */
  readonly alarmDescription: string;
  /** SNS topic notified when the queue holds a message. @default none: the alarm exists, nobody is notified */
  readonly alarmTopicArn?: string;
  /** Construct ids of the queue and the alarm in `scope` (they are Terraform addresses: never rename them). */
  readonly ids: { readonly queue: string; readonly alarm: string };
}

/**
 * An alarm's actions for an optional SNS topic: none without one. A Terraform
 * module's topic is a Terraform value, "" for none, which compact leaves out.
 */
export const topicActions = (topicArn: string | undefined): string[] | undefined =>
  topicArn ? (Token.isUnresolved(topicArn) ? Token.asList(Fn.compact([topicArn])) : [topicArn]) : undefined;

/**
 * An SQS dead-letter queue (14 days, encrypted) and an alarm as soon as it
 * holds one message: a parked event is a resource nobody tagged, and someone
 * must look at every one. Created directly in `scope` (no wrapping
 * construct), so callers keep the addresses they had.
 */
export const addDeadLetterQueue = (scope: Construct, props: DeadLetterQueueProps): { queue: SqsQueue; alarm: CloudwatchMetricAlarm } => {
  const { provider } = props;
  const queue = new SqsQueue(scope, props.ids.queue, {
    provider,
    name: props.queueName,
    messageRetentionSeconds: 1209600, // 14 days, SQS's maximum: time to notice and redrive
    sqsManagedSseEnabled: true,
  });
  const alarm = new CloudwatchMetricAlarm(scope, props.ids.alarm, {
    provider,
    alarmName: `${props.queueName}-not-empty`,
    alarmDescription: props.alarmDescription,
    ...queueDepth(queue.name),
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: topicActions(props.alarmTopicArn),
  });
  return { queue, alarm };
};
