/**
 * Team ABAC (`aws:PrincipalTag`): anyone may control the instances of their
 * own team, where the resource's team tag equals the caller's principal tag of
 * the same key. The team tag is set only at creation, only to the caller's own
 * team, and never removed, so nobody can move a resource into their team.
 */
import { policy, type PolicyDocument, type Statement } from './document';
import { CONTROL_SURFACES, copiesAndDocuments } from './owner-only-ec2';

export interface TeamAbacProps {
  /** The account the policy is for (its resources' ARNs). */
  readonly accountId: string;
  /** Regions the tagger covers in this account (where snapshots, images and commands may be made). */
  readonly regions: readonly string[];
  /** The tag key on both sides: the principal's and the resource's. */
  readonly tagKey: string;
}

// The Deny statements name Resource "*": the rule is about the team key,
// whatever resource it is written on.
export const teamAbacPolicy = ({ accountId, regions, tagKey }: TeamAbacProps): PolicyDocument => {
  const callersTeam = `\${aws:PrincipalTag/${tagKey}}`;
  const writesTeamTag = { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [tagKey] } };
  return policy(
    ...CONTROL_SURFACES.map(
      (surface): Statement => ({
        Sid: `TeamInstanceControl${surface.sid}`,
        Effect: 'Allow',
        Action: [...surface.actions],
        Resource: surface.resources(accountId),
        // A caller without the principal tag matches nothing: the variable does not resolve.
        Condition: { StringEquals: { [`${surface.tagCondition}/${tagKey}`]: callersTeam } },
      }),
    ),
    copiesAndDocuments(accountId, regions),
    {
      Sid: 'TeamTagOnlyOwnTeam',
      Effect: 'Deny',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { ...writesTeamTag, StringNotEquals: { [`aws:RequestTag/${tagKey}`]: callersTeam } },
    },
    {
      // A Deny whose variable does not resolve does not apply, so a caller
      // without a team is denied explicitly.
      Sid: 'TeamTagNotWithoutTeam',
      Effect: 'Deny',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { ...writesTeamTag, Null: { [`aws:PrincipalTag/${tagKey}`]: 'true' } },
    },
    {
      Sid: 'TeamTagOnlyAtCreation',
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: '*',
      Condition: { ...writesTeamTag, Null: { 'ec2:CreateAction': 'true' } },
    },
  );
};
