/**
 * Allowed tag keys (`aws:TagKeys`): users may write no key but these. Alone it
 * cannot make a key present (a request with no tags passes it); the
 * required-tags policy does that, and the two together mean "exactly these keys,
 * some of them mandatory".
 */
import { policy, type PolicyDocument } from './document';

export interface AllowedTagKeysProps {
  /** The tag keys users may set (besides the protected ones); any other key is denied. */
  readonly keys: readonly string[];
  /** Keys only the tagger writes: the tag guard governs them, so they pass here. */
  readonly protectedKeys: readonly string[];
}

export const allowedTagKeysPolicy = (props: AllowedTagKeysProps): PolicyDocument =>
  policy({
    Sid: 'NoOtherTagKeys',
    Effect: 'Deny',
    // Every EC2 tag write, on create or later, is authorized as ec2:CreateTags;
    // the two create calls carry aws:TagKeys themselves as well.
    Action: ['ec2:CreateTags', 'ec2:RunInstances', 'ec2:CreateVolume'],
    // Any resource: the rule is about keys, whatever they are written on.
    Resource: '*',
    Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': [...props.keys, ...props.protectedKeys] } },
  });
