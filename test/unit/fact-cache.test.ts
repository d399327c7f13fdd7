import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateImageBytes } from '../../src/budget/estimate.js';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { folderCache, type FactCache } from '../../src/io/fact-cache.js';
import { tempDir } from '../helpers/temp-case.js';

const isNumber = (v: unknown): v is number => typeof v === 'number';

/** Every JSON entry under a cache folder. */
async function entries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(dir).catch(() => [])) for (const f of await readdir(join(dir, sub))) if (f.endsWith('.json')) out.push(join(dir, sub, f));
  return out;
}

/** A cache that counts what it finds. */
function counting(cache: FactCache): FactCache & { hits: number } {
  const counted = {
    hits: 0,
    async get<T>(key: unknown, valid: (v: unknown) => v is T) {
      const value = await cache.get(key, valid);
      if (value !== undefined) counted.hits++;
      return value;
    },
    set: (key: unknown, value: unknown) => cache.set(key, value),
  };
  return counted;
}

/** A screenshot with a wide white border around a block of text. */
async function bordered(lines: number): Promise<Buffer> {
  const text = Array.from(
    { length: lines },
    (_, i) => `<text x="300" y="${240 + i * 20}" font-size="14" font-family="DejaVu Sans">Line ${i}: order ${4000 + i * 17}</text>`,
  ).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="100%" height="100%" fill="#ffffff"/>${text}</svg>`))
    .png()
    .toBuffer();
}

describe('fact cache', () => {
  it('keeps a value by key, and ignores a damaged entry or one of the wrong shape', async () => {
    const dir = await tempDir();
    const cache = folderCache(dir);
    expect(await cache.get({ a: 1 }, isNumber)).toBeUndefined();
    await cache.set({ a: 1 }, 42);
    expect(await cache.get({ a: 1 }, isNumber)).toBe(42);
    expect(await cache.get({ a: 2 }, isNumber)).toBeUndefined();
    const [file] = await entries(dir);
    await writeFile(file!, '{"half an entr');
    expect(await cache.get({ a: 1 }, isNumber)).toBeUndefined();
    await writeFile(file!, '"forty-two"');
    expect(await cache.get({ a: 1 }, isNumber)).toBeUndefined();
  });

  it('goes on without a cache it cannot write: nothing is kept, nothing is thrown', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const cache = folderCache(join(dir, 'not-a-folder'));
    await expect(cache.set({ a: 1 }, 42)).resolves.toBeUndefined();
    expect(await cache.get({ a: 1 }, isNumber)).toBeUndefined();
  });

  it('lets a second analysis reuse each image read (size, trimmed borders) by the file’s hash', async () => {
    const root = await tempDir();
    const caseDir = join(root, 'case');
    await mkdir(caseDir);
    await writeFile(join(caseDir, 'Screenshot_20240301-090000.png'), await bordered(10));
    await writeFile(join(caseDir, 'Screenshot_20240301-100000.png'), await bordered(20));
    const cacheDir = join(root, 'cache');
    const first = counting(folderCache(cacheDir));
    const cold = await analyzeCase(caseDir, { cache: first });
    expect(first.hits).toBe(0);
    expect(await entries(cacheDir)).toHaveLength(2);
    const second = counting(folderCache(cacheDir));
    const warm = await analyzeCase(caseDir, { cache: second });
    expect(second.hits).toBe(2);
    const images = (a: typeof cold) => a.exhibits.map((e) => (e.kind === 'image' ? e.image : undefined));
    expect(images(warm)).toEqual(images(cold));
    expect(images(cold)[0]!.trim).toBeDefined();
    // A changed file has another hash: it is read afresh, never served the old facts.
    await writeFile(join(caseDir, 'Screenshot_20240301-100000.png'), await bordered(30));
    const third = counting(folderCache(cacheDir));
    await analyzeCase(caseDir, { cache: third });
    expect(third.hits).toBe(1);
  });

  it('lets a second size estimate use the sample’s sizes without reading or encoding an image', async () => {
    const files = await Promise.all([5, 30, 12, 40, 8, 25, 18, 33, 9].map(bordered));
    const exhibits: ImageExhibit[] = files.map((bytes, i) => ({
      kind: 'image',
      file: `s${i}.png`,
      source: { file: `s${i}.png`, absolutePath: `/s${i}.png`, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      image: { format: 'png', width: 1600, height: 900, frames: 1, orientation: 1, hasAlpha: false },
      date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
      dateCandidates: [],
      marks: { highlight: [], redact: [] },
    }));
    const cache = folderCache(await tempDir());
    let loads = 0;
    const input = {
      exhibits,
      placedWidths: files.map(() => 540),
      grayscale: false,
      cache,
      load: async (i: number) => {
        loads++;
        return files[i]!;
      },
    };
    const cold = await estimateImageBytes(input);
    expect(loads).toBeGreaterThan(0);
    loads = 0;
    const warm = await estimateImageBytes(input);
    expect(loads).toBe(0);
    expect(warm).toEqual(cold);
    // Other marks are other pixels: a redaction is not served the unredacted sample's size.
    const redacted = exhibits.map((e) => ({ ...e, marks: { ...e.marks, redact: [[0, 0, 800, 900] as const] } }));
    await estimateImageBytes({ ...input, exhibits: redacted });
    expect(loads).toBeGreaterThan(0);
  });
});

describe('fact cache, hostile entries', () => {
  const entryPath = (dir: string, key: unknown) => {
    const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex');
    return join(dir, hash.slice(0, 2), `${hash}.json`);
  };

  it('an entry edited by hand, or moved to another key, is not trusted', async () => {
    const dir = await tempDir();
    const cache = folderCache(dir);
    await cache.set({ a: 1 }, 42);
    const path = entryPath(dir, { a: 1 });
    const { readFile } = await import('node:fs/promises');
    const stored = JSON.parse(await readFile(path, 'utf8')) as { value: number };
    await writeFile(path, JSON.stringify({ ...stored, value: 43 }));
    expect(await cache.get({ a: 1 }, isNumber)).toBeUndefined();
    await cache.set({ a: 1 }, 42);
    await mkdir(join(entryPath(dir, { a: 2 }), '..'), { recursive: true });
    await writeFile(entryPath(dir, { a: 2 }), await readFile(path));
    expect(await cache.get({ a: 2 }, isNumber)).toBeUndefined();
    expect(await cache.get({ a: 1 }, isNumber)).toBe(42);
  });

  it.skipIf(process.platform === 'win32')('a named pipe in an entry’s place is passed over, not waited on', async () => {
    const dir = await tempDir();
    const path = entryPath(dir, { a: 3 });
    await mkdir(join(path, '..'), { recursive: true });
    const { spawnSync } = await import('node:child_process');
    if (spawnSync('mkfifo', [path]).status !== 0) return;
    expect(await folderCache(dir).get({ a: 3 }, isNumber)).toBeUndefined();
  });
});
