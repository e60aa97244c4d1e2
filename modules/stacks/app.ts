import { App } from 'cdktf';
import type { Config } from '../config/schema';
import { memberStackId } from '../naming';
import { CentralStack } from './central';
import { ManagementStack, needsManagementStack } from './management';
import { MemberStack } from './member';

export interface AutoTagAppProps {
  readonly config: Config;
  /** Directory holding the bundled tagger function. */
  readonly taggerBundleDir: string;
}

/**
 * Every stack of the organization, in deploy order: `management` (the org
 * trail unless one exists, and the tag-guard SCP if configured), `central`, then one `member-<id>` per account.
 */
export const addAutoTagStacks = (app: App, { config, taggerBundleDir }: AutoTagAppProps): void => {
  const management = needsManagementStack(config) ? new ManagementStack(app, 'management', config) : undefined;
  const central = new CentralStack(app, 'central', { config, taggerBundleDir });
  // Order only, no shared state: `cdktf deploy '*'` then runs the stacks in this order.
  if (management) central.addDependency(management);
  for (const account of config.accounts) {
    // A member's tagger role trusts the central function's role, which IAM requires to exist.
    new MemberStack(app, memberStackId(account.id), config, account).addDependency(central);
  }
};
