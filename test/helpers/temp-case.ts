import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEachTest } from './after-each-test.js';

const made: string[] = [];

afterEachTest(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'ep-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Copies a fixture case into a temp folder so the test can change it freely. */
export async function copyCase(source: string): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await cp(source, dir, { recursive: true });
  return dir;
}

/** A small PNG with a line of text, like a screenshot. */
export async function makePng(width: number, height: number, text = 'hello', background = '#ffffff'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/><text x="10" y="${Math.min(height - 5, 30)}" font-size="20" font-family="DejaVu Sans">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * The smallest case that builds: one small screenshot dated by its name, the client in
 * case.yaml. For tests of what the CLI does around a build (overwriting, opening, writing),
 * where the evidence is not the point and a smaller case builds faster.
 */
export async function oneShotCase(): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await mkdir(dir);
  await writeFile(join(dir, 'case.yaml'), 'case: dp_1\ntimezone: UTC\nclient: { name: Jane Doe, email: jane.doe@example.com }\n');
  await writeFile(join(dir, 'Screenshot_20240314-102233.png'), await makePng(600, 300, 'Approved!'));
  return dir;
}
