import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleTagger, inlineConstantKeys, inputsKey } from '../../../functions/tagger/build';
import { stsErrorServer } from '../../support/tagger/fakes';
import { fixture } from '../../fixtures/cloudtrail-events';

describe('inlineConstantKeys', () => {
  it('spells a computed key as the string its constant holds', () => {
    expect(inlineConstantKeys('const _xN = "xmlName";\nvar S$ = [0, { [_xN]: _a }];')).toBe(
      'const _xN = "xmlName";\nvar S$ = [0, { ["xmlName"]: _a }];',
    );
  });

  it.each([
    ['assigned again', 'let _k = "a";\n_k = "b";\nx = { [_k]: 1 };'],
    ['appended to', 'let _k = "a";\n_k += "b";\nx = { [_k]: 1 };'],
    ['not a plain string', 'const _k = "a\\"b";\nx = { [_k]: 1 };'],
    ['not declared', 'x = { [_k]: 1 };'],
    ['shadowed by a function parameter', 'const _k = "a";\nfunction f(b, _k) { return { [_k]: 1 }; }'],
    ['shadowed by an arrow parameter', 'const _k = "a";\nconst f = (_k) => ({ [_k]: 1 });\nconst g = _k => ({ [_k]: 2 });'],
    ['shadowed by a loop binding', 'const _k = "a";\nfor (const _k of ks) x = { [_k]: 1 };'],
    ['shadowed by a catch binding', 'const _k = "a";\ntry {} catch (_k) { x = { [_k]: 1 }; }'],
  ])('leaves a key alone whose constant is %s', (_, code) => {
    expect(inlineConstantKeys(code)).toBe(code);
  });
});

describe('bundleTagger', () => {
  // Outside the repo, so the bundle cannot fall back on node_modules.
  const scratch = mkdtempSync(join(tmpdir(), 'tagger-bundle-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const first = bundleTagger(join(scratch, 'a'));
  const second = bundleTagger(join(scratch, 'b'));

  it('writes index.js alone into the asset folder and reports its size', () => {
    expect(first.dir).toBe(join(scratch, 'a'));
    expect(readdirSync(first.dir)).toEqual(['index.js']);
    expect(first.bytes).toBe(readFileSync(join(first.dir, 'index.js')).length);
  });

  it('is deterministic: the same sources give the same bytes', () => {
    expect(readFileSync(join(second.dir, 'index.js')).equals(readFileSync(join(first.dir, 'index.js')))).toBe(true);
  });

  it('reuses the bundle when nothing it is made from changed, and says so', () => {
    const again = bundleTagger(first.dir);
    expect(first.reused).toBe(false);
    expect(again).toEqual({ ...first, reused: true });
    expect(readdirSync(first.dir)).toEqual(['index.js']);
  });

  it('rebuilds a bundle changed by hand, or one whose record names an input that is gone', () => {
    const dir = join(scratch, 'c');
    const built = readFileSync(join(bundleTagger(dir).dir, 'index.js'));
    writeFileSync(join(dir, 'index.js'), 'tampered');
    expect(bundleTagger(dir).reused).toBe(false);
    expect(readFileSync(join(dir, 'index.js')).equals(built)).toBe(true);
    const record = JSON.parse(readFileSync(`${dir}.inputs.json`, 'utf8'));
    writeFileSync(`${dir}.inputs.json`, JSON.stringify({ ...record, inputs: [...record.inputs, 'functions/tagger/gone.ts'] }));
    expect(bundleTagger(dir).reused).toBe(false);
  });

  it('keys the reuse on the content of every input, not on names or times', () => {
    const root = mkdtempSync(join(scratch, 'root-'));
    writeFileSync(join(root, 'a.ts'), 'one');
    const before = inputsKey(root, ['a.ts']);
    writeFileSync(join(root, 'a.ts'), 'one');
    expect(inputsKey(root, ['a.ts'])).toBe(before);
    writeFileSync(join(root, 'a.ts'), 'two');
    expect(inputsKey(root, ['a.ts'])).not.toBe(before);
    expect(inputsKey(root, ['a.ts', 'b.ts'])).toBeUndefined();
  });

  it('stays within the size budget of 900 KiB (the SDK and Powertools inside)', () => {
    expect(first.bytes).toBeLessThanOrEqual(900 * 1024);
  });

  it('has no source map and no licence comments', () => {
    expect(readFileSync(join(first.dir, 'index.js'), 'utf8')).not.toMatch(/sourceMappingURL|@license|@preserve/);
  });

  /** Invokes `index.handler` of the bundle in a fresh node, as Lambda would, and returns its outcome and log lines. */
  const invokeBundle = async (event: unknown, env: Record<string, string>) => {
    const script = `require(${JSON.stringify(first.dir)}).handler(JSON.parse(process.argv[1])).then((outcome) => console.log(JSON.stringify(outcome)))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(event)], {
      env: { PATH: process.env.PATH, TAGGER_ROLE_NAME: 'auto-tag-tagger', POWERTOOLS_SERVICE_NAME: 'auto-tag', ...env },
      encoding: 'utf8',
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    return { outcome: lines.pop(), logs: lines };
  };

  it('runs in a fresh node as index.handler', async () => {
    const event = fixture('CreateVolume');
    event.detail.errorCode = 'Client.DryRunOperation';
    const { outcome, logs } = await invokeBundle(event, { AWS_REGION: 'eu-west-1', POWERTOOLS_METRICS_NAMESPACE: 'AutoTagTest' });
    expect(logs).toEqual([
      expect.objectContaining({ level: 'INFO', service: 'auto-tag', message: 'skipped', reason: 'api-error' }),
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'AutoTagTest' })] }),
        Reason: 'api-error',
        Skipped: 1,
      }),
    ]);
    expect(outcome).toMatchObject({ decision: 'skipped', reason: 'api-error', eventName: 'CreateVolume' });
  });

  it('reaches STS with the SDK it carries, at AWS_ENDPOINT_URL', async () => {
    const sts = await stsErrorServer();
    try {
      const { outcome } = await invokeBundle(fixture('CreateVolume'), {
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: sts.endpoint,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      });
      expect(outcome).toMatchObject({ decision: 'skipped', reason: 'account-not-onboarded' });
      expect(sts.state.requests).toBe(1);
    } finally {
      await sts.close();
    }
  });
});
