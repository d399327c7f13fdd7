import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { DESKTOP_LAYOUT, desktopCapture } from '../helpers/desktop-capture.js';
import { HARD_PHOTO, PHOTO_LAYOUT, photoWithCaptions } from '../helpers/photo-capture.js';
import { readImageDraws, readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const FILE = 'Screenshot 2024-03-14 at 10.41.00.png';
let capture: Buffer;

beforeAll(async () => {
  capture = await desktopCapture();
});

/** A case of the one desktop capture, its item as given; returns the folder. */
async function captureCase(item: string): Promise<string> {
  const dir = join(await tempDir('ep-focus-'), 'case');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, FILE), capture);
  await writeFile(
    join(dir, 'case.yaml'),
    `case: focus_1\nprofile: stripe\ntimezone: UTC\nclient: { name: Jane Doe, email: jane.doe@example.com }\nitems:\n  - file: ${FILE}\n${item}`,
  );
  return dir;
}

interface Report {
  exhibits: {
    file: string;
    pages: { start: number; end: number };
    focus?: { x: number; y: number; width: number; height: number; scale: number; contextScale: number; layout: string; bytes?: number };
  }[];
  findings: { code: string; file?: string; args: Record<string, string | number> }[];
}

async function build(dir: string): Promise<{ report: Report; pdf: string; output: string }> {
  const pdf = join(dir, '..', 'p.pdf');
  const result = await runCli(['build', dir, '-o', pdf, '--report', join(dir, '..', 'r.json')]);
  expect(result.code, result.stderr).toBe(0);
  return { report: JSON.parse(await readFile(join(dir, '..', 'r.json'), 'utf8')), pdf, output: result.stdout + result.stderr };
}

describe('focus crops of a desktop capture (OCR word boxes)', () => {
  it('shows the message pane enlarged, keeping the highlighted and noted text and dropping the side bar and member list', async () => {
    const [hx, hy, hw, hh] = DESKTOP_LAYOUT.approved;
    const dir = await captureCase(`    note: The client approved the quick work\n    highlight: [[${hx}, ${hy}, ${hw}, ${hh}]]\n`);
    const { report, pdf, output } = await build(dir);
    const focus = report.exhibits[0]!.focus!;
    expect(focus).toBeDefined();
    // The side bar and the member list are left out; the pane's text is in.
    expect(focus.x).toBeGreaterThanOrEqual(DESKTOP_LAYOUT.sidebar.x1 - 20);
    expect(focus.x).toBeLessThanOrEqual(304);
    expect(focus.x + focus.width).toBeLessThanOrEqual(DESKTOP_LAYOUT.members.x0);
    // The highlighted message is inside the focus region.
    expect(focus.x).toBeLessThanOrEqual(hx);
    expect(focus.x + focus.width).toBeGreaterThanOrEqual(hx + hw);
    expect(focus.y).toBeLessThanOrEqual(hy);
    expect(focus.y + focus.height).toBeGreaterThanOrEqual(hy + hh);
    // Its text prints over the 6 pt floor (15 px at the focus scale); whole it would not.
    expect(15 * focus.scale).toBeGreaterThanOrEqual(6);
    expect((15 * (792 - 96)) / 1920).toBeLessThan(6);
    // The report, the build's output and the page say what was cropped and why.
    const finding = report.findings.find((f) => f.code === 'ITEM_FOCUS_CROPPED')!;
    expect(finding.file).toBe(FILE);
    expect(Number(finding.args.pt)).toBeGreaterThanOrEqual(6);
    expect(Number(finding.args.whole)).toBeLessThan(6);
    expect(finding.args.region).toBe(`x ${focus.x}–${focus.x + focus.width}, y ${focus.y}–${focus.y + focus.height} of 1920 × 1080 px`);
    expect(output).toMatch(/ITEM_FOCUS_CROPPED[^\n]*\n[^\n]*shown enlarged, at about \d+(\.\d)? pt/);
    expect(report.findings.map((f) => f.code)).not.toContain('ITEM_TEXT_TOO_SMALL');
    const page = report.exhibits[0]!.pages.start;
    const text = (await readPdf(pdf)).pages[page - 1]!;
    expect(text).toContain('Enlarged: the text column');
    expect(text).toContain('the whole capture, unedited, is at the right');
    // The context view: the same embedded image drawn again on the page (focus, context, and the detail inset of [1]).
    const draws = await readImageDraws(pdf, page);
    expect(draws.length).toBeGreaterThanOrEqual(2);
    expect(new Set(draws).size).toBe(1);
    expect(focus.contextScale).toBeLessThan(focus.scale / 3);
  });

  it('check predicts the same focus as build lays out, and says so', async () => {
    const dir = await captureCase('    note: The client approved the quick work\n');
    const check = await runCli(['check', dir, '--json']);
    const json = JSON.parse(check.stdout) as { exhibits: { focus?: { x: number; width: number } }[]; findings: { code: string }[] };
    expect(json.findings.map((f) => f.code)).toContain('ITEM_FOCUS_CROPPED');
    const { report } = await build(dir);
    expect(json.exhibits[0]!.focus).toEqual({
      x: report.exhibits[0]!.focus!.x,
      y: report.exhibits[0]!.focus!.y,
      width: report.exhibits[0]!.focus!.width,
      height: report.exhibits[0]!.focus!.height,
    });
  });

  it('focus: false shows it whole only, and says its text is small', async () => {
    const dir = await captureCase('    focus: false\n');
    const { report, pdf } = await build(dir);
    expect(report.exhibits[0]!.focus).toBeUndefined();
    expect(report.findings.map((f) => f.code)).toContain('ITEM_TEXT_TOO_SMALL');
    expect(report.findings.map((f) => f.code)).not.toContain('ITEM_FOCUS_CROPPED');
    expect(await readImageDraws(pdf, report.exhibits[0]!.pages.start)).toHaveLength(1);
  });

  it('a crop of the user’s wins over the focus', async () => {
    const dir = await captureCase('    crop: [280, 60, 900, 560]\n');
    const { report } = await build(dir);
    expect(report.exhibits[0]!.focus).toBeUndefined();
    expect(report.findings.map((f) => f.code)).not.toContain('ITEM_FOCUS_CROPPED');
  });
});

describe('detail insets', () => {
  it('shows a highlight whose text prints under 9 pt again, enlarged to 9 pt or more, numbered like its outline', async () => {
    // The sample case's approval, highlighted on a crop that prints its text at about 7 pt.
    const dir = await captureCase('    crop: [0, 0, 1400, 700]\n    landscape: false\n    highlight: [[296, 402, 520, 28]]\n');
    const { report, pdf } = await build(dir);
    const page = report.exhibits[0]!.pages.start;
    const text = (await readPdf(pdf)).pages.slice(page - 1, report.exhibits[0]!.pages.end).join(' ');
    const match = /\[1\] enlarged, text about (\d+(?:\.\d)?) pt/.exec(text);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(9);
    const draws = (await Promise.all(Array.from({ length: report.exhibits[0]!.pages.end - page + 1 }, (_, k) => readImageDraws(pdf, page + k)))).flat();
    expect(draws).toHaveLength(2);
  });

  it('adds none when the highlighted text already prints at 9 pt', async () => {
    const dir = await captureCase('    crop: [280, 380, 560, 60]\n    highlight: [[296, 402, 520, 28]]\n');
    const { report, pdf } = await build(dir);
    expect((await readPdf(pdf)).pages.join(' ')).not.toContain('enlarged, text about');
    expect(await readImageDraws(pdf, report.exhibits[0]!.pages.start)).toHaveLength(1);
  });
});

describe('a photo’s text shown again below it', () => {
  // The second photo's timestamps are read only as lines found in its pixels, enlarged (ocr-engine readLinesAlone).
  it.each([
    ['', undefined],
    [' (a grainy photo whose page readings miss its grey timestamps)', HARD_PHOTO],
  ])(
    'keeps the photo whole across the page and its captions and timestamps enlarged under it, as an image of its own at full resolution%s',
    async (_, look) => {
      const dir = join(await tempDir('ep-photo-'), 'case');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'IMG_20240314_104100.jpg'), await photoWithCaptions(look));
      await writeFile(join(dir, 'case.yaml'), 'case: photo_1\nprofile: stripe\ntimezone: UTC\nclient: { name: Jane Doe, email: jane.doe@example.com }\n');
      const { report, pdf, output } = await build(dir);
      const focus = report.exhibits[0]!.focus!;
      expect(focus).toBeDefined();
      expect(focus.layout).toBe('below');
      // The band holds every caption and the grey timestamps at the rows' right ends.
      const { captions, timestampX } = PHOTO_LAYOUT;
      expect(focus.x).toBeLessThanOrEqual(captions.x0 + 12);
      expect(focus.x + focus.width).toBeGreaterThanOrEqual(timestampX.x1);
      expect(focus.y).toBeLessThanOrEqual(captions.y0 + 12);
      expect(focus.y + focus.height).toBeGreaterThanOrEqual(captions.y1 - 12);
      // Enlarged more than 1.5 times the photo's own scale alone, which stays over half its size alone.
      expect(focus.scale).toBeGreaterThan(1.5 * focus.contextScale);
      expect(focus.contextScale).toBeGreaterThan(0.6 * ((792 - 96) / 1600));
      expect(output).toMatch(/ITEM_FOCUS_CROPPED[^\n]*\n[^\n]*shown again below the whole image, enlarged/);
      const page = report.exhibits[0]!.pages.start;
      expect((await readPdf(pdf)).pages[page - 1]).toContain('Enlarged and darkened below: the text read in it');
      // Two images on the page: the whole photo, and the band cut from it, whose bytes the report gives.
      const draws = await readImageDraws(pdf, page);
      expect(new Set(draws).size).toBe(2);
      expect(focus.bytes).toBeGreaterThan(1000);
      if (spawnSync('pdfimages', ['-v']).status === 0) {
        const list = execFileSync('pdfimages', ['-list', '-f', String(page), '-l', String(page), pdf])
          .toString('utf8')
          .split('\n')
          .slice(2)
          .filter(Boolean);
        const sizes = list.map((line) => line.trim().split(/\s+/).slice(3, 5).map(Number) as [number, number]);
        // The band keeps every pixel it holds; the whole photo only what its smaller view needs.
        expect(sizes).toContainEqual([focus.width, focus.height]);
        expect(sizes.some(([w]) => w < PHOTO_LAYOUT.width)).toBe(true);
      }
    },
  );
});
