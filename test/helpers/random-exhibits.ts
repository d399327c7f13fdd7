import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FontSet, PacketInput } from '../../src/document/index.js';
import type { Exhibit, ImageExhibit, OcrLine, OcrText } from '../../src/evidence/model.js';
import { inspectCase } from '../../src/pipeline/inspect.js';
// @ts-expect-error the bench's generator is plain JavaScript
import { chatSvg, photoLabels, rng } from '../../scripts/bench-corpus.mjs';
// @ts-expect-error the generator is plain JavaScript
import { caseYaml, randomCaseSpec } from '../../scripts/random-case.mjs';
import { tempDir } from './temp-case.js';

type Spec = { file: string; kind: 'desktop' | 'phone' | 'photo' | 'chat'; width: number; height: number; scale: number; index: number; lines?: string[] };

/** Share of the font size a glyph rises over its baseline, and a descender falls under it (DejaVu Sans). */
const ASCENT = 0.76;
const DESCENT = 0.24;
const ADVANCE = 0.6;

/**
 * What OCR reads in an image drawn from SVG, without reading it: each text element a line,
 * its box from the font size it was drawn at (ascent, and descent when a letter has one),
 * each word a box of its own, at full confidence.
 */
export function ocrOfSvg(svg: string): OcrText {
  const lines: OcrLine[] = [];
  const words: OcrLine[] = [];
  for (const m of svg.matchAll(/<text x='([\d.]+)' y='([\d.]+)' font-size='([\d.]+)'([^>]*)>([^<]*)<\/text>/g)) {
    const [x, y, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const text = m[5]!;
    const width = text.length * size * ADVANCE;
    const left = m[4]!.includes("text-anchor='end'") ? x - width : x;
    const top = y - size * ASCENT;
    const box = (from: number, chars: string): OcrLine => ({
      text: chars,
      confidence: 95,
      bbox: [
        Math.round(from),
        Math.round(top),
        Math.round(chars.length * size * ADVANCE),
        Math.round(size * (ASCENT + (/[gjpqy,]/.test(chars) ? DESCENT : 0))),
      ],
    });
    lines.push(box(left, text));
    let at = left;
    for (const word of text.split(' ')) {
      words.push(box(at, word));
      at += (word.length + 1) * size * ADVANCE;
    }
  }
  return { text: lines.map((l) => l.text).join('\n'), lines, words, cached: false };
}

function imageExhibit(spec: Spec, seconds: number): ImageExhibit {
  const svg: string =
    spec.kind === 'photo'
      ? photoLabels(rng(1), spec.index, spec.width, spec.height, { scale: spec.scale }).svg
      : chatSvg(spec.index, spec.width, spec.height, spec.kind === 'phone', { scale: spec.scale }).svg;
  return {
    kind: 'image',
    file: spec.file,
    source: { file: spec.file, absolutePath: `/case/${spec.file}`, sha256: String(spec.index).padStart(64, '0'), bytes: spec.width * spec.height },
    image: { format: spec.kind === 'photo' ? 'jpeg' : 'png', width: spec.width, height: spec.height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: seconds * 1000, source: 'filename', text: spec.file, zone: 'UTC', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
    ocr: ocrOfSvg(svg),
  } as unknown as ImageExhibit;
}

/**
 * The packet input of a random case (scripts/random-case.mjs) without drawing or reading its
 * images: each image exhibit built with the OCR lines of the text drawn in it; the chat
 * exports and the case.yaml (letter, page limit) read as the CLI reads them.
 */
export async function randomCaseInput(
  seed: number,
  options: { shape?: 'random' | 'alternating'; letter?: boolean; sizes?: 'usual' | 'other' } = {},
): Promise<{ fonts: FontSet; input: PacketInput; kinds: Spec['kind'][] }> {
  const specs = randomCaseSpec(seed, { shape: options.shape ?? 'random', sizes: options.sizes ?? 'usual' }) as Spec[];
  const dir = await tempDir('ep-random-');
  for (const spec of specs) if (spec.kind === 'chat') await writeFile(join(dir, spec.file), `${spec.lines!.join('\n')}\n`);
  await writeFile(join(dir, 'case.yaml'), caseYaml(seed, options.letter !== false, specs));
  const inspected = await inspectCase(dir, { nowMs: Date.UTC(2024, 5, 1) });
  const start = Date.UTC(2024, 2, 1, 9, 0, 0) / 1000;
  const exhibits: Exhibit[] = specs.flatMap((spec, i) =>
    spec.kind === 'chat' ? inspected.input.exhibits.filter((e) => e.file === spec.file) : [imageExhibit(spec, start + i * 3600)],
  );
  const sources = [...inspected.input.sources, ...exhibits.filter((e) => e.kind === 'image').map((e) => e.source)];
  return { fonts: inspected.fonts, input: { ...inspected.input, exhibits, sources }, kinds: specs.map((s) => s.kind) };
}
