import type { App } from 'cdktf';
import type { Config } from '../config/schema';
import { memberStackId } from '../naming';
import { CentralStack } from './central';
import { ManagementStack } from './management';
import { MemberStack } from './member';
import { allStacks, type StackSelection } from './selection';

/**
 * The ids of the stacks: each is a Terraform state (the backend key and the
 * folder under `cdktf.out/stacks` are named after it), so an app holding two
 * organizations, or these stacks beside its own, gives them ids that do not clash.
 */
export interface AutoTagStackIds {
  /**
   * The management account's stack.
   * @default 'management'
   */
  readonly management?: string;
  /**
   * The central account's stack.
   * @default 'central'
   */
  readonly central?: string;
  /**
   * The stack of each member account, from its account id.
   * @default (accountId) => `member-${accountId}`
   */
  readonly member?: (accountId: string) => string;
}

export interface AutoTagAppProps {
  /** The validated organization config (`parseConfig`/`loadConfig`). */
  readonly config: Config;
  /**
   * Directory holding the bundled tagger function (`index.js`); used only
   * when the selection includes `central`. A relative path is taken from the
   * current directory.
   * @default the bundle shipped in the npm package
   */
  readonly taggerBundleDir?: string;
  /**
   * Directory holding the bundled reconcile sweep (`index.js`), as `taggerBundleDir`.
   * @default the bundle shipped in the npm package
   */
  readonly sweepBundleDir?: string;
  /**
   * The stacks to build; the others are not constructed at all.
   * @default every stack of the config
   */
  readonly stacks?: StackSelection;
  /**
   * The stack ids.
   * @default `management`, `central` and `member-<account id>`
   */
  readonly ids?: AutoTagStackIds;
}

/** The stacks `addAutoTagStacks` built, to add to or depend on. */
export interface AutoTagStacks {
  /**
   * The management account's stack.
   * @default absent when not selected, or when the config needs none (no org trail to create, no tag-guard SCP)
   */
  readonly management?: ManagementStack;
  /**
   * The central account's stack.
   * @default absent when not selected
   */
  readonly central?: CentralStack;
  /** One per selected account, in config order. */
  readonly members: readonly MemberStack[];
}

/**
 * The stacks of the organization, in deploy order: the management stack (the
 * org trail unless one exists, and the tag-guard SCP if configured), the
 * central stack, then one member stack per account. Dependencies link only
 * stacks that are built together, so a member synthesized alone deploys
 * without the central stack in the run.
 */
export const addAutoTagStacks = (
  app: App,
  { config, taggerBundleDir, sweepBundleDir, stacks = allStacks(config), ids = {} }: AutoTagAppProps,
): AutoTagStacks => {
  const management = stacks.management ? new ManagementStack(app, ids.management ?? 'management', { config }) : undefined;
  let central: CentralStack | undefined;
  if (stacks.central) {
    central = new CentralStack(app, ids.central ?? 'central', { config, taggerBundleDir, sweepBundleDir });
    // Order only, no shared state: `cdktf deploy '*'` then runs the stacks in this order.
    if (management) central.addDependency(management);
  }
  const selected = new Set(stacks.accounts);
  const members = config.accounts
    .filter((a) => selected.has(a.id))
    .map((account) => {
      const member = new MemberStack(app, (ids.member ?? memberStackId)(account.id), { config, accountId: account.id });
      // A member's tagger role trusts the central function's role, which IAM requires to exist.
      if (central) member.addDependency(central);
      return member;
    });
  return { management, central, members };
};
