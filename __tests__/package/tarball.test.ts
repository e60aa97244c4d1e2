/**
 * The npm package as someone who is not us gets it: built and packed
 * (`npm pack`), installed into a fresh project that depends on nothing but
 * it and its peers, used from a plain CommonJS app (and an ES module) run
 * with node on the compiled JavaScript, and type-checked against the packed
 * declarations.
 *
 * No network: the tarball's own dependencies install with `npm ci --offline`
 * from the npm cache that our `npm ci` filled, through a lockfile taken from
 * ours (npm's cache holds the tarballs by integrity, not the registry's
 * metadata a plain install resolves versions with). The peers (cdktf,
 * constructs and the provider bindings, ~410 MB unpacked) are linked from our
 * node_modules, as a workspace would: what the package itself requires must
 * still resolve from its own folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const repo = join(__dirname, '..', '..');
const ourPackage = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const ourLock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
const consumerSources = join(__dirname, 'consumer');
/** A hang guard for a busy CI machine (~15 s idle: two bundles, tsc, npm ci, a synth), never a speed check. */
const SLOW = 240_000;

/** Runs a command, failing with everything it printed. */
const run = (command: string, args: readonly string[], cwd: string): string => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

/** The lockfile entries of a package's dependencies and theirs, from our lockfile (where `npm ci` put them at the top level). */
const lockClosure = (names: readonly string[], into: Record<string, unknown> = {}): Record<string, unknown> => {
  for (const name of names) {
    const key = `node_modules/${name}`;
    if (key in into) continue;
    const entry = ourLock.packages[key];
    if (!entry) throw new Error(`${name} is not at the top level of package-lock.json`);
    const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
    into[key] = kept;
    lockClosure(Object.keys(entry.dependencies ?? {}), into);
  }
  return into;
};

/** Every file under a folder, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());

describe('the npm package, packed and installed into a fresh project', () => {
  const work = mkdtempSync(join(tmpdir(), 'auto-tag-package-'));
  const project = join(work, 'consumer');
  let packed: { filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> };
  let synthOutput: string;

  beforeAll(() => {
    // Built into a folder of its own (not dist/, which a concurrent pack could be emptying), staged as the package root.
    const stage = join(work, 'stage');
    mkdirSync(stage);
    run(process.execPath, [require.resolve('tsx/cli'), join(repo, 'scripts', 'build-package.ts'), join(stage, 'dist')], repo);
    for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(join(repo, file), join(stage, file));
    // The build ran above; prepack (npm run build) would rebuild into the stage's own folder.
    [packed] = JSON.parse(run('npm', ['pack', stage, '--ignore-scripts', '--json', '--pack-destination', work], work));

    mkdirSync(project);
    const tarball = join(work, packed.filename);
    const dependencies = { [ourPackage.name]: `file:../${packed.filename}` };
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies }));
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify({
        name: 'consumer',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'consumer', version: '1.0.0', dependencies },
          [`node_modules/${ourPackage.name}`]: {
            version: ourPackage.version,
            resolved: `file:../${packed.filename}`,
            integrity,
            license: ourPackage.license,
            dependencies: ourPackage.dependencies,
            engines: ourPackage.engines,
            peerDependencies: ourPackage.peerDependencies,
          },
          ...lockClosure(Object.keys(ourPackage.dependencies)),
        },
      }),
    );
    // --legacy-peer-deps: the peers are not in this lockfile; they are linked below.
    run('npm', ['ci', '--offline', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    for (const peer of Object.keys(ourPackage.peerDependencies)) {
      mkdirSync(dirname(join(project, 'node_modules', peer)), { recursive: true });
      symlinkSync(join(repo, 'node_modules', peer), join(project, 'node_modules', peer), 'dir');
    }
    for (const file of readdirSync(consumerSources)) cpSync(join(consumerSources, file), join(project, file));
    synthOutput = run(process.execPath, ['app.js'], project);
  }, SLOW);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the compiled entry point, declarations, the function bundle and the documents, and no sources', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/bundles/tagger/index.js',
      ]),
    );
    const other = paths.filter((p) => !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(p));
    expect(other.filter((p) => !/^dist\/.+(?<!\.d)\.js$|^dist\/.+\.d\.ts$/.test(p))).toEqual([]);
    // Nothing of this repo's own app or tests: the entry point's imports only.
    expect(other.filter((p) => /synth-workers|fast-synth|synth-output|__tests__|commands\/|main\.js|\/build\.js/.test(p))).toEqual([]);
    console.log(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${paths.length} files`);
  });

  it('installs with nothing of ours but the tarball: its dependencies from the registry cache, no AWS SDK, no esbuild', () => {
    const installed = readdirSync(join(project, 'node_modules')).flatMap((d) =>
      d.startsWith('@') ? readdirSync(join(project, 'node_modules', d)).map((s) => `${d}/${s}`) : [d],
    );
    expect(installed.filter((d) => !d.startsWith('.')).sort()).toEqual(
      [
        ourPackage.name,
        ...Object.keys(ourPackage.peerDependencies),
        ...Object.keys(lockClosure(Object.keys(ourPackage.dependencies))).map((k) => k.replace('node_modules/', '')),
      ].sort(),
    );
  });

  it('synthesizes a user app with its own stack ids beside a stack of the user', () => {
    expect(JSON.parse(synthOutput.trim().split('\n').pop()!)).toEqual({
      management: 'acme-management',
      central: 'acme-central',
      members: ['acme-member-100000000001', 'acme-member-100000000002', 'acme-member-100000000003'],
    });
    const manifest = JSON.parse(readFileSync(join(project, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(
      [
        'central',
        'acme-management',
        'acme-central',
        'acme-member-100000000001',
        'acme-member-100000000002',
        'acme-member-100000000003',
      ].sort(),
    );
    expect(manifest.stacks['acme-central'].dependencies).toEqual(['acme-management', 'central']);
    const central = JSON.parse(readFileSync(join(project, 'cdktf.out', 'stacks', 'acme-central', 'cdk.tf.json'), 'utf8'));
    const functions = Object.values(central.resource.aws_lambda_function) as Array<Record<string, any>>;
    // The config's namePrefix names the resources: one tagger per region.
    expect(functions.filter((f) => f.function_name === 'acme-tag-tagger').map((f) => f.provider)).toEqual([
      'aws.ap-southeast-2',
      'aws.eu-central-1',
    ]);
    expect(central.terraform.backend.local.path).toBe('../../../terraform-state/acme-central.tfstate');
  });

  it("zips the packaged bundles as the functions' code: index.js alone, the bytes the package ships", () => {
    const stackDir = join(project, 'cdktf.out', 'stacks', 'acme-central');
    const central = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    const bundles = join(project, 'node_modules', ourPackage.name, 'dist', 'bundles');
    const shipped = new Map(readdirSync(bundles).map((name) => [name, readFileSync(join(bundles, name, 'index.js'))]));
    const bundleOf = (f: Record<string, any>): string | undefined => {
      const zip = join(stackDir, f.filename);
      expect(run('unzip', ['-Z1', zip], project).trim().split('\n')).toEqual(['index.js']);
      const zipped = execFileSync('unzip', ['-p', zip, 'index.js'], { maxBuffer: 64 * 1024 * 1024 });
      return [...shipped].find(([, code]) => code.equals(zipped))?.[0];
    };
    const functions = Object.values(central.resource.aws_lambda_function) as Array<Record<string, any>>;
    expect(functions.map((f) => [f.function_name, bundleOf(f) !== undefined])).toEqual(functions.map((f) => [f.function_name, true]));
    expect(functions.filter((f) => f.function_name === 'acme-tag-tagger').map(bundleOf)).toEqual(['tagger', 'tagger']);
  });

  it('writes no absolute path, and nothing pointing into our repository', () => {
    const out = join(project, 'cdktf.out');
    // The user's own stack is left out: cdktf's default local backend is an absolute path.
    const texts = filesUnder(out).filter((f) => /\.json$/.test(f) && !f.startsWith(join('stacks', 'central')));
    expect(texts.length).toBeGreaterThan(5);
    for (const file of texts) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const root of [repo, work, relative(project, repo)]) expect({ file, hit: text.includes(root) }).toEqual({ file, hit: false });
    }
  });

  it('loads as an ES module too (named imports of the CommonJS build)', () => {
    expect(JSON.parse(run(process.execPath, ['esm.mjs'], project))).toEqual({ addAutoTagStacks: 'function', configError: true });
  });

  it(
    "type-checks a consumer's TypeScript against the packed declarations, through exports only",
    () => {
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'node16',
            moduleResolution: 'node16',
            target: 'es2022',
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['types.cts'],
        }),
      );
      // Deep imports are not part of the API: `exports` refuses them.
      writeFileSync(
        join(project, 'deep.cts'),
        "import { MemberStack } from 'auto-tag/dist/modules/stacks/member';\nexport { MemberStack };\n",
      );
      writeFileSync(join(project, 'tsconfig.deep.json'), JSON.stringify({ extends: './tsconfig.json', files: ['deep.cts'] }));
      const tsc = require.resolve('typescript/bin/tsc');
      expect(run(process.execPath, [tsc, '-p', '.'], project)).toBe('');
      const deep = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.deep.json'], { cwd: project, encoding: 'utf8' });
      expect(deep.stdout).toContain("error TS2307: Cannot find module 'auto-tag/dist/modules/stacks/member'");
    },
    SLOW,
  );
});
