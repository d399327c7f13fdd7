import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error scripts/ is plain JavaScript
import { chatSvg } from '../../scripts/bench-corpus.mjs';
import { sharp } from '../../src/io/cjs.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

/** pdftoppm, and the native tesseract with its English model (both as Debian's poppler-utils and tesseract-ocr install them). */
const hasTools =
  spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0 && /^eng$/m.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');

const read = (png: string) =>
  execFileSync('tesseract', [png, '-'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString('utf8')
    .replace(/\s+/g, '');

/**
 * A phone capture in a dark theme (WhatsApp's), read back from the built packet as a reviewer's
 * screen shows it: the page rendered 1920 px wide, read by the native tesseract with its
 * defaults. On a white page tesseract's threshold moved up to the capture's grey time stamps,
 * which it then read inverted and in pieces: random case 1's dark phone captures gave 0.15 of
 * their stamps, against 0.99 one image a page. The page is now drawn dark, its own text in
 * negative (src/imaging/page-binarize.ts NEGATIVE_PAPERS).
 */
describe('a dark-mode capture, read as a reviewer reads it', () => {
  it.skipIf(!hasTools)(
    'is drawn on a dark page whose own text reads, and gives back its time stamps as the capture alone does',
    async () => {
      const { svg, times } = chatSvg(7, 1170, 2532, true, { scale: 3, theme: 'dark' }) as { svg: string; times: string[] };
      const dir = join(await tempDir(), 'case');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'case.yaml'), 'case: dark_1\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\n');
      const capture = join(dir, 'Screenshot_20240301-090000.png');
      await sharp(Buffer.from(svg)).png().toFile(capture);
      const pdf = join(dir, '..', 'packet.pdf');
      const report = join(dir, '..', 'report.json');
      const r = await runCli(['build', dir, '-o', pdf, '--report', report], { env: { EVIDENCE_PACKET_NATIVE_OCR: '1' } });
      expect(r.code, r.stderr).toBe(0);
      const page = String((JSON.parse(await readFile(report, 'utf8')) as { exhibits: { pages: { start: number } }[] }).exhibits[0]!.pages.start);
      const prefix = join(dir, '..', 'page');
      execFileSync('pdftoppm', ['-png', '-f', page, '-l', page, '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdf, prefix]);
      // The page's corner: its paper, dark.
      const { data } = await sharp(`${prefix}.png`).extract({ left: 4, top: 4, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]! + data[1]! + data[2]!).toBeLessThan(3 * 128);
      const text = read(`${prefix}.png`);
      expect(text).toContain(`Exhibit1of1`);
      const alone = read(capture);
      const found = times.filter((t) => text.includes(t));
      expect(found.length).toBeGreaterThanOrEqual(times.filter((t) => alone.includes(t)).length);
      expect(found.length).toBeGreaterThan(times.length / 2);
    },
    180_000,
  );
});
