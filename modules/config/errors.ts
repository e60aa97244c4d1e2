/** One problem with the config: where (`accounts[2] (444444444444 staging).id`) and what is wrong. */
export interface ConfigProblem {
  /** Where in the config, with the account named: `accounts[2] (444444444444 staging).id`. */
  readonly path: string;
  /** What is wrong there, and what would be right. */
  readonly message: string;
}

/** Every problem found in a config, all at once, so a pipeline run fixes them in one go. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${source}: invalid auto-tag config\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
