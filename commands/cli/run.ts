/**
 * How a command's `main` becomes a process: its exit code, and errors turned
 * into one clear message instead of a stack trace.
 *
 * Exit codes, the same for every command: 0 all good; 1 the command ran and
 * found or left something wrong (a failed check, a message kept); 2 it could
 * not run as asked (bad option, invalid config); 3 an unexpected error.
 */
import { ConfigError } from '../../modules/config/load';
import { helpText, parseCommandLine, UsageError, type CommandSpec, type OptionSpec, type OptionValues } from './options';

export const EXIT = { ok: 0, findings: 1, usage: 2, error: 3 } as const;

/** The exit code and message for an error a command threw. Pure, for tests. */
export const describeFailure = (error: unknown): { code: number; message: string } => {
  if (error instanceof UsageError) return { code: EXIT.usage, message: `${error.message} (see --help)` };
  if (error instanceof ConfigError) return { code: EXIT.usage, message: error.message };
  return { code: EXIT.error, message: `error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
};

/** Runs `main` with the command line's arguments and sets the exit code it returns, or the failure's. */
export const runCommand = (main: (argv: readonly string[]) => Promise<number>): void => {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      const { code, message } = describeFailure(error);
      console.error(message);
      process.exitCode = code;
    },
  );
};

/** A `main` for runCommand that parses the command line against `spec` first: `--help` prints the help and exits 0. */
export const withOptions =
  <O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, main: (options: OptionValues<O>) => Promise<number>) =>
  async (argv: readonly string[]): Promise<number> => {
    const options = parseCommandLine(spec, argv);
    if (options !== 'help') return main(options);
    console.log(helpText(spec));
    return EXIT.ok;
  };
