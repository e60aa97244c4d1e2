/** The managed policies one member account gets, from its effective selection in the config. */
import { effectiveSelection, type AccessPolicySelection } from '../config/access-policy-selection';
import { protectedTagKeys, type AccountConfig, type Config } from '../config/schema';
import { accountRegions } from '../naming';
import { allowedTagKeysPolicy } from './allowed-tag-keys';
import type { PolicyDocument } from './document';
import { joined } from './lists';
import { ownerOnlyEc2Policy } from './owner-only-ec2';
import { requiredTagsPolicy } from './required-tags';
import { tagGuardPolicy } from './tag-guard';
import { teamAbacPolicy } from './team-abac';

export interface NamedPolicy {
  /** The managed policy's name: the same in every account, so permission sets can refer to it. */
  readonly name: string;
  /** The managed policy's description, shown in the IAM console. */
  readonly description: string;
  /** The policy's content. */
  readonly document: PolicyDocument;
  /** The entry of the selection (`accessPolicies`) it comes from. */
  readonly selection: keyof AccessPolicySelection;
}

/** What the policies are built for: one account, its regions and the protected tag keys. */
export interface AccessPolicySettings {
  /** Prefix of the policies' names (`namePrefix`). */
  readonly namePrefix: string;
  readonly accountId: string;
  /** Regions the tagger covers in the account. */
  readonly regions: readonly string[];
  /** The key the tagger writes the creator's aws:userid under. */
  readonly principalIdTagKey: string;
  /** Every key only the tagger writes (`protectedTagKeys`). */
  readonly protectedKeys: readonly string[];
}

export const accountAccessPolicies = (config: Config, account: AccountConfig): NamedPolicy[] =>
  accessPolicies(effectiveSelection(config.accessPolicies, account.accessPolicies), {
    namePrefix: config.namePrefix,
    accountId: account.id,
    regions: accountRegions(config, account),
    principalIdTagKey: config.tagKeys.principalId,
    protectedKeys: protectedTagKeys(config.tagKeys),
  });

/** The managed policies of a selection, for one account. */
export const accessPolicies = (selected: AccessPolicySelection, settings: AccessPolicySettings): NamedPolicy[] => {
  const { namePrefix: p, accountId, regions, principalIdTagKey: principalId, protectedKeys } = settings;
  const policies: (NamedPolicy | false | undefined)[] = [
    selected.ownerOnlyEc2 && {
      selection: 'ownerOnlyEc2',
      // The original solution's name, kept so existing references still work.
      name: 'TagBasedEC2RestrictionsPolicy',
      description: 'auto-tag: change only the instances you launched (PrincipalId tag = aws:userid)',
      document: ownerOnlyEc2Policy({
        accountId,
        regions,
        principalIdTagKey: principalId,
        teamTagKey: selected.teamAbac ? selected.teamAbac.tagKey : undefined,
      }),
    },
    selected.tagGuard && {
      selection: 'tagGuard',
      name: `${p}-tag-guard`,
      description: `auto-tag: only the tagger writes ${joined(protectedKeys, ', ')}`,
      document: tagGuardPolicy({ protectedKeys, principalIdTagKey: principalId }),
    },
    selected.requiredTags && {
      selection: 'requiredTags',
      name: `${p}-required-tags`,
      description: 'auto-tag: RunInstances and CreateVolume only with the required tags',
      document: requiredTagsPolicy({
        accountId,
        regions,
        tags: selected.requiredTags.tags,
        ownPrincipalIdTagKey: selected.requiredTags.ownPrincipalIdOnCreate ? principalId : undefined,
      }),
    },
    selected.allowedTagKeys && {
      selection: 'allowedTagKeys',
      name: `${p}-allowed-tag-keys`,
      description: 'auto-tag: no tag keys but the allowed ones',
      document: allowedTagKeysPolicy({ keys: selected.allowedTagKeys.keys, protectedKeys }),
    },
    selected.teamAbac && {
      selection: 'teamAbac',
      name: `${p}-team-abac`,
      description: `auto-tag: control the instances of your team (${selected.teamAbac.tagKey} tag = your principal tag)`,
      document: teamAbacPolicy({ accountId, regions, tagKey: selected.teamAbac.tagKey }),
    },
  ];
  return policies.filter((named): named is NamedPolicy => Boolean(named));
};
