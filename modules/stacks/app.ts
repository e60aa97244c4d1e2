import { App } from 'cdktf';
import type { Config } from '../config/schema';
import { memberStackId } from '../naming';
import { CentralStack } from './central';
import { ManagementStack } from './management';
import { MemberStack } from './member';
import { allStacks, type StackSelection } from './selection';

export interface AutoTagAppProps {
  readonly config: Config;
  /**
   * Directory holding the bundled tagger function; needed only when the
   * selection includes `central`.
   * @default none
   */
  readonly taggerBundleDir?: string;
  /**
   * The stacks to build (see `selectStacks`); the others are not constructed at all.
   * @default every stack of the config
   */
  readonly stacks?: StackSelection;
}

/**
 * The stacks of the organization, in deploy order: `management` (the org
 * trail unless one exists, and the tag-guard SCP if configured), `central`,
 * then one `member-<id>` per account. Dependencies link only stacks that are
 * built together, so a member synthesized alone deploys without `central` in the run.
 */
export const addAutoTagStacks = (app: App, { config, taggerBundleDir, stacks = allStacks(config) }: AutoTagAppProps): void => {
  const management = stacks.management ? new ManagementStack(app, 'management', config) : undefined;
  let central: CentralStack | undefined;
  if (stacks.central) {
    if (taggerBundleDir === undefined) throw new Error('addAutoTagStacks: the central stack needs taggerBundleDir');
    central = new CentralStack(app, 'central', { config, taggerBundleDir });
    // Order only, no shared state: `cdktf deploy '*'` then runs the stacks in this order.
    if (management) central.addDependency(management);
  }
  const selected = new Set(stacks.accounts);
  for (const account of config.accounts.filter((a) => selected.has(a.id))) {
    const member = new MemberStack(app, memberStackId(account.id), config, account);
    // A member's tagger role trusts the central function's role, which IAM requires to exist.
    if (central) member.addDependency(central);
  }
};
