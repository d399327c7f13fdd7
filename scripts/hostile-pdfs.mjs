// PDFs for fixtures/hostile (scripts/make-hostile-fixtures.mjs): card numbers where a copied
// page used to carry them (a filled form field, a FreeText comment, a number wrapped over two
// rows, another page reached through shared resources), a page's metadata and scripts, a page
// tree that contains itself. Built object by object with pdf-lib; our own content.
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

const DATE = new Date(Date.UTC(2024, 2, 14, 10, 0, 0));

async function newDoc() {
  const doc = await PDFDocument.create();
  doc.setCreationDate(DATE);
  doc.setModificationDate(DATE);
  return doc;
}

const save = (doc) => doc.save({ useObjectStreams: false });

/** A filled text field and a FreeText comment, each holding a card number, on a page that has none in its own text. */
export async function formPdf(fieldPan, commentPan) {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Order form 14 March 2024: the client filled it in', { x: 50, y: 720, size: 14, font });
  const form = doc.getForm();
  const field = form.createTextField('card');
  field.setText(fieldPan);
  field.addToPage(page, { x: 50, y: 600, width: 300, height: 30, font });
  form.updateFieldAppearances(font);
  const context = doc.context;
  const text = `BT /Helv 12 Tf 4 8 Td (${commentPan}) Tj ET`;
  const appearance = context.register(
    context.stream(text, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 300, 30], Resources: { Font: { Helv: font.ref } } }),
  );
  const comment = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [50, 500, 350, 530],
      Contents: PDFString.of(commentPan),
      DA: PDFString.of('/Helv 12 Tf 0 g'),
      AP: { N: appearance },
      F: 4,
    }),
  );
  page.node.addAnnot(comment);
  return save(doc);
}

/**
 * Three pages sharing one resource dictionary. Page 1 (the one `pages: [1]` keeps) draws a
 * form and an image that carries XMP; it has /PieceInfo, /Metadata and an /AA script. Page 2's
 * form, reachable from page 1's resources, holds a card number and a marker; so do the
 * metadata, the script and an object no one references.
 */
export async function sharedResourcesPdf(pan) {
  const doc = await newDoc();
  const context = doc.context;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const xmp = (marker) => context.register(context.stream(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${marker}</x:xmpmeta>`, { Type: 'Metadata', Subtype: 'XML' }));
  const form = (text) =>
    context.register(
      context.stream(`BT /F1 14 Tf 0 0 Td (${text}) Tj ET`, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 500, 40], Resources: { Font: { F1: font.ref } } }),
    );
  const grey = Buffer.alloc(16 * 16, 0x80);
  const image = context.register(
    context.stream(grey, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 16,
      Height: 16,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Metadata: xmp('IMAGE-XMP-MARKER'),
    }),
  );
  const one = form('Delivery note, 14 March 2024: the theme was delivered');
  const two = form(`SECRET-PAGE-TWO card ${pan}`);
  const resources = context.register(context.obj({ Font: { F1: font.ref }, XObject: { One: one, Two: two, Img: image } }));
  context.register(context.stream(`UNREFERENCED-MARKER ${pan}`, {}));
  const contents = ['q 1 0 0 1 50 700 cm /One Do Q q 64 0 0 64 50 600 cm /Img Do Q', 'q 1 0 0 1 50 700 cm /Two Do Q', 'q 1 0 0 1 50 700 cm /One Do Q'];
  for (const [i, content] of contents.entries()) {
    const page = doc.addPage([612, 792]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.stream(content)));
    if (i === 0) {
      page.node.set(
        PDFName.of('PieceInfo'),
        context.obj({ Editor: { Private: PDFString.of(`PIECEINFO-MARKER ${pan}`), LastModified: PDFString.of('D:20240314') } }),
      );
      page.node.set(PDFName.of('Metadata'), xmp(`PAGE-XMP-MARKER ${pan}`));
      page.node.set(PDFName.of('AA'), context.obj({ O: { S: 'JavaScript', JS: PDFString.of("app.alert('AA-SCRIPT-MARKER')") } }));
    }
  }
  return save(doc);
}

/** A card number wrapped from the end of one text row to the start of the next. */
export async function wrappedPanPdf(first, second) {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Invoice INV-0042, 14 March 2024', { x: 50, y: 720, size: 14, font });
  page.drawText(`Paid with card ${first}`, { x: 50, y: 690, size: 14, font });
  page.drawText(`${second} (approved)`, { x: 50, y: 672, size: 14, font });
  return save(doc);
}

/** A page tree whose second kid is the tree itself. */
export async function cyclicTreePdf() {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Receipt 14 March 2024', { x: 50, y: 700, size: 14, font });
  doc.addPage([612, 792]).drawText('Receipt, page 2', { x: 50, y: 700, size: 14, font });
  doc.catalog
    .Pages()
    .Kids()
    .set(1, doc.catalog.get(PDFName.of('Pages')));
  return save(doc);
}
