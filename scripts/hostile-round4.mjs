// Hostile input, round 4 (issue #37), for scripts/make-hostile-fixtures.mjs and the tests:
// a WhatsApp export whose first message runs past the 64 KB sniffing sample; card numbers in
// the parts of a PDF annotation a copied page used to carry unseen (a FreeText comment's
// appearance, rich text, a push button's caption, a stamp's drawing, a field's value drawn
// over); and, written only to temporary folders, named pipes where case.yaml names a file.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { caseYaml, png } from './hostile-cases.mjs';

/** Test card numbers the networks publish (Luhn-valid, never real cards), one per place in the PDF. */
export const ROUND4_PANS = ['4111111111111111', '5105105105105100', '371449635398431', '6011000990139424', '3566002020360505', '4012888888881881'];

/** Lines after the first message's header: enough to fill the 64 KB sample with one message. */
export const LONG_MESSAGE_LINES = 3000;

function longMessageChat() {
  const body = Array.from({ length: LONG_MESSAGE_LINES }, (_, i) => `line ${String(i + 1).padStart(4, '0')} of the pasted licence text`);
  return [
    '14/03/2024, 10:20 - Dana Client: Here is the licence I agreed to:',
    ...body,
    '14/03/2024, 10:21 - Sam Seller: Thanks, received',
    '14/03/2024, 10:22 - Dana Client: The theme works',
    '',
  ].join('\n');
}

/** An annotation with a normal appearance drawing `text` (Helvetica; a `<hex>` string as it is) in its rectangle. */
function annotation(doc, font, fields, text) {
  const context = doc.context;
  const [x1, y1, x2, y2] = fields.Rect;
  const operand = text.startsWith('<') ? text : `(${text})`;
  const appearance = context.register(
    context.stream(`BT /Helv 12 Tf 4 8 Td ${operand} Tj ET`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, x2 - x1, y2 - y1],
      Resources: { Font: { Helv: font.ref } },
    }),
  );
  return context.register(context.obj({ Type: 'Annot', F: 4, ...fields, AP: { N: appearance } }));
}

/** One page whose own text holds no card number; each annotation holds one where a reader of /Contents alone misses it. */
export async function annotationPansPdf() {
  const doc = await PDFDocument.create();
  const date = new Date(Date.UTC(2024, 2, 14, 10, 0, 0));
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Order 14 March 2024: the client filled in the form', { x: 50, y: 740, size: 14, font });
  const [drawn, rich, caption, stamp, value, hex] = ROUND4_PANS;
  const annots = [
    // A comment whose words say nothing, drawing a number.
    annotation(
      doc,
      font,
      { Subtype: 'FreeText', Rect: [50, 660, 350, 690], Contents: PDFString.of('see the note'), DA: PDFString.of('/Helv 12 Tf 0 g') },
      `card ${drawn}`,
    ),
    // Rich text holding a number, drawn too.
    annotation(
      doc,
      font,
      {
        Subtype: 'FreeText',
        Rect: [50, 600, 350, 630],
        Contents: PDFString.of('paid'),
        RC: PDFString.of(`<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p><span>card ${rich}</span></p></body>`),
        DA: PDFString.of('/Helv 12 Tf 0 g'),
      },
      `card ${rich}`,
    ),
    // A push button whose caption (/MK /CA) is a number.
    annotation(
      doc,
      font,
      { Subtype: 'Widget', FT: 'Btn', Ff: 1 << 16, T: PDFString.of('pay'), Rect: [50, 540, 350, 570], MK: { CA: PDFString.of(caption) } },
      caption,
    ),
    // A stamp drawing a number, with no words at all.
    annotation(doc, font, { Subtype: 'Stamp', Rect: [50, 480, 350, 510], Name: 'Approved' }, `${stamp}`),
    // A text field whose value (/V) is a number, its appearance showing only stars.
    annotation(doc, font, { Subtype: 'Widget', FT: 'Tx', T: PDFString.of('card'), V: PDFString.of(value), Rect: [50, 420, 350, 450] }, '****************'),
    // A comment drawing a number from a hex string.
    annotation(
      doc,
      font,
      { Subtype: 'FreeText', Rect: [50, 360, 350, 390], Contents: PDFHexString.fromText('note'), DA: PDFString.of('/Helv 12 Tf 0 g') },
      `<${Buffer.from(hex).toString('hex')}>`,
    ),
  ];
  page.node.set(PDFName.of('Annots'), doc.context.obj(annots));
  return doc.save({ useObjectStreams: false });
}

/** Committed cases (fixtures/hostile). */
export const ROUND4_CASES = {
  'whatsapp-long-message': async (dir) => {
    await writeFile(join(dir, 'chat.txt'), longMessageChat());
    await writeFile(join(dir, 'case.yaml'), caseYaml('long_message'));
  },
  'pdf-annotation-pans': async (dir) => {
    await writeFile(join(dir, 'order-form.pdf'), await annotationPansPdf());
    await writeFile(join(dir, 'case.yaml'), caseYaml('pdf_annotation_pans'));
  },
};

const mkfifo = (path) => {
  if (spawnSync('mkfifo', [path]).status !== 0) throw new Error(`mkfifo ${path} failed`);
};

/** Named pipes where case.yaml names a file: written only to temporary folders (a pipe cannot be committed). */
export const ROUND4_PIPES = {
  'fifo-template': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_template', 'template: letters/letter.md\n'));
    await mkdir(join(dir, 'letters'));
    mkfifo(join(dir, 'letters', 'letter.md'));
  },
  'fifo-item': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_item', 'items:\n  - file: chat.txt\n    note: The client confirms\n'));
    mkfifo(join(dir, 'chat.txt'));
  },
  'fifo-ignore': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_ignore'));
    mkfifo(join(dir, '.evidenceignore'));
  },
};
