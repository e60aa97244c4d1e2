/** The managed policies one member account gets, from its effective selection in the config. */
import { effectiveAccessPolicies } from '../config/access-policies';
import { protectedTagKeys, type AccountConfig, type Config } from '../config/schema';
import { accountRegions } from '../naming';
import { allowedTagKeysPolicy } from './allowed-tag-keys';
import type { PolicyDocument } from './document';
import { ownerOnlyEc2Policy } from './owner-only-ec2';
import { requiredTagsPolicy } from './required-tags';
import { tagGuardPolicy } from './tag-guard';
import { teamAbacPolicy } from './team-abac';

export interface NamedPolicy {
  /** The managed policy's name: the same in every account, so permission sets can refer to it. */
  readonly name: string;
  readonly description: string;
  readonly document: PolicyDocument;
}

export const accountAccessPolicies = (config: Config, account: AccountConfig): NamedPolicy[] => {
  const selected = effectiveAccessPolicies(config.accessPolicies, account.accessPolicies);
  const p = config.namePrefix;
  const { principalId } = config.tagKeys;
  const protectedKeys = protectedTagKeys(config.tagKeys);
  const regions = accountRegions(config, account);
  const policies: (NamedPolicy | false | undefined)[] = [
    selected.ownerOnlyEc2 && {
      // The original solution's name, kept so existing references still work.
      name: 'TagBasedEC2RestrictionsPolicy',
      description: 'auto-tag: change only the instances you launched (PrincipalId tag = aws:userid)',
      document: ownerOnlyEc2Policy({
        accountId: account.id,
        regions,
        principalIdTagKey: principalId,
        teamTagKey: selected.teamAbac ? selected.teamAbac.tagKey : undefined,
      }),
    },
    selected.tagGuard && {
      name: `${p}-tag-guard`,
      description: `auto-tag: only the tagger writes ${protectedKeys.join(', ')}`,
      document: tagGuardPolicy({ protectedKeys, principalIdTagKey: principalId }),
    },
    selected.requiredTags && {
      name: `${p}-required-tags`,
      description: 'auto-tag: RunInstances and CreateVolume only with the required tags',
      document: requiredTagsPolicy({
        accountId: account.id,
        regions,
        tags: selected.requiredTags.tags,
        ownPrincipalIdTagKey: selected.requiredTags.ownPrincipalIdOnCreate ? principalId : undefined,
      }),
    },
    selected.allowedTagKeys && {
      name: `${p}-allowed-tag-keys`,
      description: 'auto-tag: no tag keys but the allowed ones',
      document: allowedTagKeysPolicy({ keys: selected.allowedTagKeys.keys, protectedKeys }),
    },
    selected.teamAbac && {
      name: `${p}-team-abac`,
      description: `auto-tag: control the instances of your team (${selected.teamAbac.tagKey} tag = your principal tag)`,
      document: teamAbacPolicy({ accountId: account.id, regions, tagKey: selected.teamAbac.tagKey }),
    },
  ];
  return policies.filter((named): named is NamedPolicy => Boolean(named));
};
