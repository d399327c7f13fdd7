import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousCases, worstExitCode } from '../../src/batch/batch-report.js';
import { findCaseFolders, parseShard, scanCaseFolders, selectShard } from '../../src/batch/find-cases.js';
import { csvCell } from '../../src/batch/format-batch-csv.js';
import { fingerprintCase } from '../../src/batch/fingerprint.js';
import { tempDir } from '../helpers/temp-case.js';

async function touch(path: string, text = 'x'): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

describe('findCaseFolders', () => {
  it('finds folders with a manifest at any depth, not inside a case, not hidden, sorted', async () => {
    const root = await tempDir();
    await touch(join(root, 'b', 'case.yaml'));
    await touch(join(root, 'b', 'nested', 'case.yaml')); // evidence of case b, not a case of its own
    await touch(join(root, 'a', '2024', 'dp_1', 'case.yml'));
    await touch(join(root, '.git', 'x', 'case.yaml'));
    await touch(join(root, 'node_modules', 'y', 'case.yaml'));
    await touch(join(root, 'notes', 'readme.txt'));
    const found = await findCaseFolders(root);
    expect(found.map((c) => [c.path, c.name])).toEqual([
      ['a/2024/dp_1', 'a-2024-dp_1'],
      ['b', 'b'],
    ]);
  });

  it('refuses two cases that would write the same PDF, and a missing root', async () => {
    const root = await tempDir();
    await touch(join(root, 'a-b', 'case.yaml'));
    await touch(join(root, 'a', 'b', 'case.yaml'));
    await expect(findCaseFolders(root)).rejects.toMatchObject({ code: 'BATCH_NAME_CLASH', exitCode: 2 });
    await expect(findCaseFolders(join(root, 'nope'))).rejects.toMatchObject({ code: 'BATCH_ROOT_NOT_FOUND', exitCode: 2 });
  });
});

describe('shards', () => {
  const cases = Array.from({ length: 50 }, (_, i) => ({ path: `case-${i}` }));

  it('splits the cases into disjoint shares that together are all of them', () => {
    const shares = [1, 2, 3].map((index) => selectShard(cases, { index, count: 3 }));
    expect(
      shares
        .flat()
        .map((c) => c.path)
        .sort(),
    ).toEqual(cases.map((c) => c.path).sort());
    for (const share of shares) expect(share.length).toBeGreaterThan(5);
    // Adding a case never moves another one to a different shard.
    const more = [...cases, { path: 'case-new' }];
    expect(selectShard(more, { index: 2, count: 3 }).filter((c) => c.path !== 'case-new')).toEqual(shares[1]);
  });

  it('parses i/n and rejects what is not', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe('fingerprintCase', () => {
  it('changes with any file’s content, a new file, the options or the version', async () => {
    const dir = await tempDir();
    await touch(join(dir, 'case.yaml'), 'case: x');
    await touch(join(dir, 'shots', 'a.png'), 'one');
    const base = await fingerprintCase(dir, '1.0.0', { profile: 'stripe' });
    expect(await fingerprintCase(dir, '1.0.0', { profile: 'stripe' })).toBe(base);
    expect(await fingerprintCase(dir, '1.0.1', { profile: 'stripe' })).not.toBe(base);
    expect(await fingerprintCase(dir, '1.0.0', { profile: 'paypal' })).not.toBe(base);
    await writeFile(join(dir, 'shots', 'a.png'), 'two');
    const changed = await fingerprintCase(dir, '1.0.0', { profile: 'stripe' });
    expect(changed).not.toBe(base);
    await touch(join(dir, 'shots', 'a.png.note.txt'), 'why');
    expect(await fingerprintCase(dir, '1.0.0', { profile: 'stripe' })).not.toBe(changed);
  });
});

describe('batch report', () => {
  it('takes the worst exit code and reads a previous report defensively', () => {
    expect(worstExitCode([0, 1, 4, 2])).toBe(4);
    expect(worstExitCode([0, 70, 4])).toBe(70);
    expect(worstExitCode([])).toBe(0);
    expect(previousCases('{not json').size).toBe(0);
    expect(previousCases('{"cases": 3}').size).toBe(0);
    expect([...previousCases('{"cases":[{"path":"a","status":"built"},{"nope":1}]}').keys()]).toEqual(['a']);
  });
});

describe('csvCell', () => {
  it('quotes by RFC 4180, defuses formulas and masks card numbers', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('4111 1111 1111 1111')).not.toContain('1111 1111');
    expect(csvCell('order 12345')).toBe('order 12345');
  });
});

describe('scanCaseFolders', () => {
  it('names the topmost folders with files but no case.yaml beside the cases', async () => {
    const root = await tempDir();
    await touch(join(root, 'a', 'case.yaml'), 'case: a\n');
    await touch(join(root, 'b', 'screens', 'shot.png'));
    await touch(join(root, 'c', 'd', 'case.yaml'), 'case: d\n');
    await touch(join(root, 'c', 'notes', 'x.txt'));
    await mkdir(join(root, 'empty'));
    await touch(join(root, '.hidden', 'x.txt'));
    const scan = await scanCaseFolders(root);
    expect(scan.cases.map((c) => c.path)).toEqual(['a', 'c/d']);
    expect(scan.skipped).toEqual(['b', 'c/notes']);
  });
});
