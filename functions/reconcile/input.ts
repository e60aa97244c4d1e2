/**
 * What a sweep run sweeps: the invocation the schedule sends (written at
 * synth from the config), validated with an error naming each bad field.
 * Pure (zod only): the central stack loads it to write the schedule's input.
 */
import { z } from 'zod';

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The invocation: every account with the regions it covers. */
export const sweepInput = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        id: z.string().regex(ACCOUNT, { error: 'must be a 12-digit account id' }),
        regions: z.array(z.string().regex(REGION, { error: 'must be a region code' })).min(1, { error: 'must list at least one region' }),
      }),
    )
    .min(1, { error: 'must list at least one account' }),
});
export type SweepInput = z.infer<typeof sweepInput>;

/** The input, or an error naming each bad field (`accounts[0].regions[1]: must be a region code`). */
export const parseSweepInput = (input: unknown): SweepInput => {
  const result = sweepInput.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) =>
      `${
        issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || 'input'
      }: ${issue.message}`,
  );
  throw new Error(`sweep input is invalid: ${problems.join('; ')}`);
};
