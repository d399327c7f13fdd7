import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnStrings } from '../../src/formats/pdf/annotation-text.js';
import { redactCardNumbers } from '../../src/formats/pdf/pdf-cards.js';
import { readPageFacts } from '../../src/formats/pdf/pdf-pages.js';
import { inspectStructure } from '../../src/formats/pdf/pdf-structure.js';
import type { Rect } from '../../src/evidence/model.js';
import { openPdf } from '../../src/io/pdfjs.js';
import { FIXTURES } from '../helpers/paths.js';

const covers = (boxes: readonly Rect[], [x, y, w, h]: Rect) =>
  boxes.some(([bx, by, bw, bh]) => bx <= x + 0.01 && by <= y + 0.01 && bx + bw >= x + w - 0.01 && by + bh >= y + h - 0.01);

describe('card numbers in PDF annotations (fixtures/hostile/pdf-annotation-pans)', () => {
  it('every annotation holding or drawing one is blacked out, also where pdf.js reads no text (a stamp, a button caption)', async () => {
    const bytes = await readFile(join(FIXTURES, 'hostile', 'pdf-annotation-pans', 'order-form.pdf'));
    const doc = await openPdf(new Uint8Array(bytes));
    const facts = [await readPageFacts(doc, 1)];
    const structure = await inspectStructure(new Uint8Array(bytes), [1]);
    expect(structure.ok).toBe(true);
    const redact = new Map<number, Rect[]>();
    redactCardNumbers('order-form.pdf', facts, redact, structure.ok ? structure.annotationText : undefined);
    const annotations = facts[0]!.annotations;
    expect(annotations).toHaveLength(6);
    for (const a of annotations) expect(covers(redact.get(1) ?? [], a.box), `${a.subtype} ${a.id}`).toBe(true);
    // pdf.js's own reading misses some of them: the drawn strings are what find them.
    const alone = new Map<number, Rect[]>();
    redactCardNumbers('order-form.pdf', facts, alone);
    expect(annotations.filter((a) => !covers(alone.get(1) ?? [], a.box)).map((a) => a.subtype)).toEqual(expect.arrayContaining(['Stamp', 'Widget']));
  });

  it('reads the strings a content stream draws: literal (escapes, nesting), hex, UTF-16 hex, and a TJ array joined', () => {
    const stream = Buffer.from(String.raw`BT (a\(b\)c) Tj <3431> Tj <FEFF00340032> Tj [(41) -20 (11)] TJ (\061\062) Tj << /K 1 >> BDC ET`, 'latin1');
    const strings = drawnStrings(stream);
    expect(strings.slice(0, -1)).toEqual(['a(b)c', '41', '42', '41', '11', '12']);
    expect(strings.at(-1)).toBe('a(b)c4142411112');
  });
});
