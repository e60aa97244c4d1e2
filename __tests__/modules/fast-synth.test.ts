/**
 * Pins the cdktf internals modules/fast-synth relies on: if a cdktf upgrade
 * changes any of them, this fails and the bypass must be re-examined (or
 * dropped, if upstream fixed hashicorp/terraform-cdk#3892). That the output
 * stays byte-identical is proven end to end in __tests__/main.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App, Lazy, TerraformStack, Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { fastSynthEnabled, skipCrossStackPass, skipTokenStackTraces, STACK_TRACE_MODULE } from '../../modules/fast-synth';

const cdktfLib = dirname(require.resolve('cdktf'));
/** A function's source with whitespace and comments removed, to compare its logic. */
const logicOf = (fn: (...args: never[]) => unknown): string =>
  fn
    .toString()
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, '');

describe('fast-synth: the cdktf internals it relies on', () => {
  it('is written against cdktf 0.21.0', () => {
    expect(JSON.parse(readFileSync(join(cdktfLib, '..', 'package.json'), 'utf8')).version).toBe('0.21.0');
  });

  it('finds the token stack-trace helper where it expects it', () => {
    expect(require.resolve(STACK_TRACE_MODULE)).toBe(join(cdktfLib, 'tokens', 'private', 'stack-trace.js'));
    expect(typeof require(STACK_TRACE_MODULE).captureStackTrace).toBe('function');
  });

  it('knows every caller of the helper, and each looks it up on the module at call time (so replacing it reaches them)', () => {
    const callers = readdirSync(cdktfLib, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.endsWith('stack-trace.js'))
      .filter((file) => readFileSync(join(cdktfLib, file), 'utf8').includes('captureStackTrace'))
      .sort();
    expect(callers).toEqual([
      'complex-computed-list.js',
      'terraform-dynamic-block.js',
      'terraform-dynamic-expression.js',
      join('tokens', 'lazy.js'),
      join('tokens', 'private', 'intrinsic.js'),
    ]);
    for (const file of callers) {
      const code = readFileSync(join(cdktfLib, file), 'utf8').replace(/\/\/# sourceMappingURL=.*/, '');
      const calls = code.match(/[\w.$()0, ]*captureStackTrace[\w.$()]*/g) ?? [];
      expect({ file, calls: calls.every((c) => c.includes('stack_trace_1.captureStackTrace)(')) }).toEqual({ file, calls: true });
    }
  });

  it('synth still resolves every element twice: once in prepareStack (looking for cross-stack references), once when writing', () => {
    expect(logicOf(TerraformStack.prototype.prepareStack)).toBe(
      'prepareStack(){this.ensureBackendExists();terraformElements(this).forEach((e)=>(0,_tokens_1.resolve)(this,e.toTerraform(),true));}',
    );
    const synth = logicOf(App.prototype.synth);
    expect(synth).toContain('stacks.forEach((stack)=>stack.prepareStack());');
    expect(synth).toContain('stacks.forEach((stack)=>stack.synthesizer.synthesize(session));');
  });
});

describe('fast-synth: the bypasses', () => {
  it('makes new tokens record no creation stack', () => {
    expect((Lazy.anyValue({ produce: () => 1 }) as any).creationStack.length).toBeGreaterThan(0);
    skipTokenStackTraces();
    expect((Lazy.anyValue({ produce: () => 1 }) as any).creationStack).toEqual([]);
  });

  it('skips the preparing pass of every stack but keeps its backend check', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'one');
    new S3Bucket(stack, 'bucket', { bucket: 'b' });
    skipCrossStackPass(app);
    const elements = jest.spyOn(stack, 'toTerraform');
    const backend = jest.spyOn(stack, 'ensureBackendExists');
    stack.prepareStack();
    expect(backend).toHaveBeenCalledTimes(1);
    expect(elements).not.toHaveBeenCalled();
    expect(Object.keys(JSON.parse(Testing.synth(stack)).terraform.backend)).toEqual(['local']);
  });

  it('is on unless AUTO_TAG_FAST_SYNTH=0', () => {
    expect([fastSynthEnabled({}), fastSynthEnabled({ AUTO_TAG_FAST_SYNTH: '1' }), fastSynthEnabled({ AUTO_TAG_FAST_SYNTH: '0' })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
