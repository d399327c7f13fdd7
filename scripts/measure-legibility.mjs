// Legibility as a reviewer reads a packet: each page rendered to fit a 1920 px wide screen
// (`pdftoppm -scale-to-x 1920 -scale-to-y -1`), read by native `tesseract` with its
// defaults (no --psm, no enlargement), and a small stamp drawn in an image counts when its
// text comes back in the OCR text of the page(s) its exhibit is on. Pages are read two at a
// time (the machines have two cores). Needs poppler-utils and tesseract-ocr.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why legibility cannot be measured here, or undefined when it can. */
export function legibilityUnavailable() {
  for (const [tool, args, pkg] of [
    ['pdftoppm', ['-v'], 'poppler-utils'],
    ['tesseract', ['--version'], 'tesseract-ocr'],
  ]) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).status !== 0) return `${tool} not found (apt-get install ${pkg}) — legibility not measured`;
  }
  return undefined;
}

/** The OCR text of one page rendered at fit-width. */
async function readPage(pdfPath, page, dir, scaleToX) {
  const prefix = join(dir, `p${page}`);
  const args = ['-png', '-f', String(page), '-l', String(page), '-scale-to-x', String(scaleToX), '-scale-to-y', '-1', '-singlefile', pdfPath, prefix];
  await run('pdftoppm', args);
  const { stdout } = await run('tesseract', [`${prefix}.png`, '-'], { maxBuffer: 1 << 24 });
  await rm(`${prefix}.png`, { force: true });
  return stdout;
}

/** Text as compared: OCR's spacing and the stamp's own spacing do not count. */
const squeeze = (text) => text.replace(/\s+/g, '');

/**
 * Reads a packet's pages and counts the stamps that come back.
 * `stamps`: [{ kind, text, pages: [first, last] }] (or `page`: one page number).
 * Returns { byKind: { kind: { found, total } }, all: { found, total } }.
 */
export async function measureLegibility(pdfPath, stamps, { scaleToX = 1920, workers = 2 } = {}) {
  const span = (s) => (s.pages ? s.pages : [s.page, s.page]);
  const wanted = new Set();
  for (const s of stamps) for (let p = span(s)[0]; p <= span(s)[1]; p++) wanted.add(p);
  const pages = [...wanted].sort((a, b) => a - b);
  const dir = await mkdtemp(join(tmpdir(), 'legibility-'));
  const texts = new Map();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < pages.length) {
          const page = pages[next++];
          texts.set(page, squeeze(await readPage(pdfPath, page, dir, scaleToX)));
        }
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const byKind = {};
  const all = { found: 0, total: 0 };
  for (const s of stamps) {
    const [first, last] = span(s);
    const text = squeeze(s.text);
    let seen = false;
    for (let p = first; p <= last && !seen; p++) seen = texts.get(p).includes(text);
    const kind = (byKind[s.kind] ??= { found: 0, total: 0 });
    kind.total++;
    all.total++;
    if (seen) {
      kind.found++;
      all.found++;
    }
  }
  return { byKind, all };
}

/**
 * The stamps of a build, from its report's exhibits ({ file, pages: { start, end } } as
 * `--report` writes them) and the truth of the case: file → { kind, stamps: [text] }.
 * An image shown more than once (a focus page) counts on any page its exhibit spans.
 */
export function stampsOf(reportExhibits, truth) {
  const out = [];
  for (const e of reportExhibits) {
    const t = truth[e.file];
    if (!t) continue;
    const { start, end } = e.pages ?? { start: e.start, end: e.start };
    for (const text of t.stamps) out.push({ kind: t.kind, text, pages: [start, end] });
  }
  return out;
}
