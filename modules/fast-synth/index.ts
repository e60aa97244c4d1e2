/**
 * The only place that reaches into cdktf internals, to make synth fast at
 * organization scale without changing a byte of its output. Two bypasses,
 * each pinned by `__tests__/modules/fast-synth.test.ts` (which fails if a cdktf
 * upgrade changes what they rely on) and by a test that synthesizes with and
 * without them and compares every file.
 *
 * 1. Token creation stack traces. cdktf captures a full stack trace
 *    (`Error.stackTraceLimit = MAX_SAFE_INTEGER`) for every token it creates,
 *    even with `App({ stackTraces: false })`, which only turns off construct
 *    metadata (hashicorp/terraform-cdk#3892). The trace is used for nothing but
 *    the text of an error about that token; it never reaches the output.
 * 2. The preparing resolve pass of `App.synth()`: `prepareStack()` resolves
 *    every element of every stack once only to discover cross-stack
 *    references, then synthesis resolves them all again. auto-tag's stacks
 *    never reference each other (they live in different accounts and states;
 *    shared names and ARNs are computed from the config, see modules/naming),
 *    so the pass finds nothing. The backend check it also runs is kept.
 */
import { TerraformStack, type App } from 'cdktf';

/** Where cdktf 0.21 keeps its token stack-trace helper; its callers look it up on this module object at each call. */
export const STACK_TRACE_MODULE = 'cdktf/lib/tokens/private/stack-trace';

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/**
 * Makes every token created from now on record an empty creation stack.
 * Process-wide (cdktf's module is shared), so call it before building stacks.
 */
export const skipTokenStackTraces = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require(STACK_TRACE_MODULE) as StackTraceModule;
  stackTrace.captureStackTrace = () => [];
};

/** Makes `app.synth()` skip the cross-stack reference pass of each stack it holds now, keeping the backend check. */
export const skipCrossStackPass = (app: App): void => {
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    stack.prepareStack = () => {
      stack.ensureBackendExists();
    };
  }
};

/** Whether the bypasses are on: `AUTO_TAG_FAST_SYNTH=0` turns them off (to compare outputs, or to rule them out). */
export const fastSynthEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.AUTO_TAG_FAST_SYNTH !== '0';
