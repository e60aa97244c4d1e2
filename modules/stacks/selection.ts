/**
 * Which stacks one synth builds, from `AUTO_TAG_ACCOUNTS`: onboarding or
 * fixing one account must not cost a synth of the whole organization.
 */
import type { Config } from '../config/schema';
import { needsManagementStack } from './management';

/** The environment variable the app reads the selection from. */
export const SELECTION_VARIABLE = 'AUTO_TAG_ACCOUNTS';

export interface StackSelection {
  /** Build the `management` stack. */
  readonly management: boolean;
  /** Build the `central` stack (and bundle the tagger for it). */
  readonly central: boolean;
  /** Ids of the accounts whose `member-<id>` stack is built, in config order. */
  readonly accounts: readonly string[];
}

/** A selection naming something the config does not have; every problem at once. */
export class SelectionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${SELECTION_VARIABLE}: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join('\n')}`}`);
    this.name = 'SelectionError';
  }
}

/** Every stack of the config: what a synth without a selection builds. */
export const allStacks = (config: Config): StackSelection => ({
  management: needsManagementStack(config),
  central: true,
  accounts: config.accounts.map((a) => a.id),
});

/**
 * The stacks named by `spec`: a comma- or space-separated list of account ids
 * (or their stack names, `member-<id>`), plus `management` and `central` on
 * request. Empty or unset: every stack.
 */
export const selectStacks = (config: Config, spec: string | undefined): StackSelection => {
  const entries = (spec ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return allStacks(config);
  const known = new Set(config.accounts.map((a) => a.id));
  const wanted = new Set<string>();
  const problems: string[] = [];
  let management = false;
  let central = false;
  for (const entry of entries) {
    const id = /^(?:member-)?(\d{12})$/.exec(entry)?.[1];
    if (entry === 'management') {
      management = true;
      if (!needsManagementStack(config))
        problems.push('"management": this config has no management stack (orgTrail.create is false and there is no tagGuardScp)');
    } else if (entry === 'central') {
      central = true;
    } else if (!id) {
      problems.push(`"${entry}" is not a 12-digit account id, member-<id>, management or central`);
    } else if (!known.has(id)) {
      problems.push(`"${entry}" is not in the config's accounts (onboard it there first)`);
    } else {
      wanted.add(id);
    }
  }
  if (problems.length) throw new SelectionError(problems);
  return { management, central, accounts: config.accounts.map((a) => a.id).filter((id) => wanted.has(id)) };
};
