import { App } from 'cdktf';
import type { Config } from '../config/schema';
import { memberStackId } from '../naming';
import { CentralStack } from './central';
import { ManagementStack } from './management';
import { MemberStack } from './member';

export interface AutoTagAppProps {
  readonly config: Config;
  /** Directory holding the bundled tagger function. */
  readonly taggerBundleDir: string;
}

/**
 * Every stack of the organization, in deploy order: `management` (the org
 * trail, unless one exists), `central`, then one `member-<id>` per account.
 */
export const addAutoTagStacks = (app: App, { config, taggerBundleDir }: AutoTagAppProps): void => {
  if (config.orgTrail.create) new ManagementStack(app, 'management', config, config.orgTrail);
  new CentralStack(app, 'central', { config, taggerBundleDir });
  for (const account of config.accounts) new MemberStack(app, memberStackId(account.id), config, account);
};
