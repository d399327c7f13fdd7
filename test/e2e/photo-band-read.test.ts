import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error scripts/ is plain JavaScript
import { photoPage } from '../../scripts/bench-corpus.mjs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

/** pdftoppm, and the native tesseract with its English model (both as Debian's poppler-utils and tesseract-ocr install them). */
const hasTools =
  spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0 && /^eng$/m.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');

/**
 * A photo's enlarged text band, read back from the built packet as a reviewer's screen shows
 * it: the page rendered 1920 px wide, read by the native tesseract with its defaults (the
 * bench's legibility measure, scripts/measure-legibility.mjs). The photo is the other
 * corpus's (scripts/bench-other-corpus.mjs) IMG_20240603_130000.jpg: a 3024 × 4032 photo of a
 * label whose six caption rows end in a small grey timestamp, and whose own border stands
 * at each row's right end. Framed by rules above and below, the band read every caption and
 * none of the six timestamps (the rules and the label's border made a box of the timestamps'
 * column); without them, all six (docs/benchmark.md, round 48).
 */
describe("a photo's enlarged text band, read as a reviewer reads it", () => {
  it.skipIf(!hasTools)(
    'gives back every timestamp of the photo at fit-width with tesseract defaults',
    async () => {
      const { data, times } = (await photoPage(108, 3024, 4032, { stampPx: 13, seed: 7000 })) as { data: Buffer; times: string[] };
      expect(times).toHaveLength(6);
      const dir = join(await tempDir(), 'case');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'case.yaml'), 'case: other_7\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\n');
      await writeFile(join(dir, 'IMG_20240603_130000.jpg'), data);
      const pdf = join(dir, '..', 'packet.pdf');
      const report = join(dir, '..', 'report.json');
      // Read by the system tesseract, as a user's build reads when it is installed (the band is where OCR found the text).
      const r = await runCli(['build', dir, '-o', pdf, '--report', report], { env: { EVIDENCE_PACKET_NATIVE_OCR: '1' } });
      expect(r.code, r.stderr).toBe(0);
      const exhibit = (JSON.parse(await readFile(report, 'utf8')) as { exhibits: { pages: { start: number }; focus?: { layout?: string } }[] }).exhibits[0]!;
      // The band is drawn below the whole photo, on the exhibit's page: the page read here.
      expect(exhibit.focus?.layout).toBe('below');
      const prefix = join(dir, '..', 'page');
      const page = String(exhibit.pages.start);
      execFileSync('pdftoppm', ['-png', '-f', page, '-l', page, '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdf, prefix]);
      const text = execFileSync('tesseract', [`${prefix}.png`, '-'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString('utf8')
        .replace(/\s+/g, '');
      expect(times.filter((t) => !text.includes(t))).toEqual([]);
    },
    180_000,
  );
});
