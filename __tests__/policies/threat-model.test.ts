import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const model = readFileSync(join(ROOT, 'THREAT_MODEL.md'), 'utf8');

describe('THREAT_MODEL.md', () => {
  it('names only test files that exist', () => {
    const files = [...new Set([...model.matchAll(/`(__tests__\/[\w./-]+\.test\.ts)`/g)].map((m) => m[1]))];
    expect(files.length).toBeGreaterThan(8);
    expect(files.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });

  it('quotes only test names that exist in the file it names before them', () => {
    const rows = model.split('\n').filter((line) => /^\| T\d+ /.test(line));
    expect(rows.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const row of rows) {
      let file: string | undefined;
      // A bare file name (access-decisions, instance-control.test.ts) refers to the last full path named.
      const known: Record<string, string> = {};
      for (const token of row.matchAll(/`(__tests__\/[\w./-]+\.test\.ts)`|"([^"]+?)(…)?"/g)) {
        if (token[1]) {
          file = token[1];
          known[file.split('/').pop()!.replace('.test.ts', '')] = file;
          continue;
        }
        const before = row.slice(0, token.index);
        const bare = /([\w-]+)(?:\.test\.ts)? ›[^›]*$/.exec(before)?.[1];
        const target = (bare && (known[bare] ?? `__tests__/policies/${bare}.test.ts`)) || file;
        if (!target || !existsSync(join(ROOT, target))) continue;
        // "…" marks a quote cut short; typographic and plain apostrophes are the same here.
        const plain = (text: string) => text.replace(/[’]/g, "'").replace(/\\'/g, "'");
        const source = plain(readFileSync(join(ROOT, target), 'utf8'));
        const fragments = plain(token[2])
          .split(/…|%\w/)
          .filter((f) => f.length > 8);
        if (!fragments.every((f) => source.includes(f))) missing.push(`${target}: ${token[2]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
