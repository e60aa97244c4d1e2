// Type-checked against the packed declarations (tsc, strict, node16 resolution through `exports`).
import { App } from 'cdktf';
import {
  addAutoTagStacks,
  CentralStack,
  ConfigError,
  MemberStack,
  ownerOnlyEc2Policy,
  parseConfig,
  type AutoTagAppProps,
  type CentralStackProps,
  type Config,
  type PolicyDocument,
} from 'auto-tag';

const config: Config = parseConfig('{}', 'inline.json');
const props: AutoTagAppProps = { config, ids: { member: (accountId: string) => `member-${accountId}` } };
const stacks = addAutoTagStacks(new App(), props);
const central: CentralStack | undefined = stacks.central;
const members: readonly MemberStack[] = stacks.members;
const own = new CentralStack(new App(), 'tagging', { config, taggerBundleDir: './bundle' } satisfies CentralStackProps);
const document: PolicyDocument = ownerOnlyEc2Policy({ accountId: '100000000003', regions: ['eu-central-1'], principalIdTagKey: 'PrincipalId' });
const problems: readonly string[] = new ConfigError('inline.json', []).problems.map((p) => p.message);

// @ts-expect-error the stack props are readonly
props.config = config;
// @ts-expect-error a member stack needs the account it deploys to
new MemberStack(new App(), 'm', { config });

export { central, document, members, own, problems };
