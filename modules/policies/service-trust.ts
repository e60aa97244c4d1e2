import { policy, type PolicyDocument } from './document';

/**
 * Trust for an AWS service acting for one account. `aws:SourceAccount` (and
 * `aws:SourceArn` where given) close the confused-deputy hole: the service may
 * assume the role only on behalf of this account's own resources.
 */
export const serviceTrustPolicy = (service: string, sourceAccount: string, sourceArns?: readonly string[]): PolicyDocument =>
  policy({
    Sid: 'TrustedServiceForThisAccountOnly',
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': sourceAccount },
      ...(sourceArns ? { ArnEquals: { 'aws:SourceArn': sourceArns } } : {}),
    },
  });
