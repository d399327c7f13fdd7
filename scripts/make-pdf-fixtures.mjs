#!/usr/bin/env node
// Writes the PDF, email-attachment and HEIC fixtures from our own text and pictures: an
// invoice with a text layer and an XMP date, a three-page agreement with an IBAN to redact,
// a scanned (image-only) contract, and bad PDFs (encrypted, password, damaged, too many
// pages, an oversized image). The outputs are committed; run this only to change them:
// `npm run fixtures`. The encrypted ones need qpdf, the HEIC photo heif-enc (libheif-examples).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const { PDFDocument, PDFName, StandardFonts, rgb } = require('pdf-lib');
const fontkit = require('@pdf-lib/fontkit');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const cases = join(root, 'cases');
const FIXED = new Date('2024-03-05T14:20:00Z');

/** A fixed producer and dates, so the fixtures come out byte for byte the same. */
function stable(doc, created) {
  doc.setProducer('evidence-packet fixtures');
  doc.setCreator('evidence-packet fixtures');
  doc.setCreationDate(created);
  doc.setModificationDate(created);
}

function setXmpCreateDate(doc, iso) {
  const xml = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${iso}</xmp:CreateDate></rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xml), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

async function invoice() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([612, 792]);
  const line = (text, x, y, size = 11, f = font) => page.drawText(text, { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  line('Acme Themes', 56, 730, 20, bold);
  line('support@acme.dev', 56, 710);
  line('INVOICE INV-0042', 400, 730, 14, bold);
  line('Issued 5 March 2024', 400, 712);
  line('Billed to: Jane Doe <jane.doe@example.com>', 56, 660);
  line('Aurora WordPress theme, customised for janes-bakery.example', 56, 610);
  line('Two rounds of revisions included', 56, 594);
  line('Total paid: USD 499.00 (card ending 4242, charge ch_3OqLm2Acme0042)', 56, 560, 11, bold);
  line('Thank you for your order.', 56, 520);
  stable(doc, new Date('2024-03-05T14:14:50Z'));
  // The Info date says 14:14:50 UTC; the XMP date, which is preferred, carries an offset.
  setXmpCreateDate(doc, '2024-03-05T14:15:00+00:00');
  return doc.save({ useObjectStreams: false });
}

async function agreement() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), { subset: true });
  const pages = [
    [
      'Service agreement',
      'Between Acme Themes and Jane Doe <jane.doe@example.com>.',
      'Signed on 4 March 2024.',
      'Scope: one customised Aurora theme, two rounds of revisions.',
    ],
    [
      'Payment',
      'The client pays USD 499.00 by card or by transfer to',
      'IBAN DE89 3704 0044 0532 0130 00 (Acme Themes).',
      'Delivery within ten working days of payment.',
    ],
    ['Acceptance', 'The client approves the delivered theme in writing.', 'Signed: Jane Doe   Signed: Acme Themes'],
  ];
  for (const lines of pages) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((text, i) => page.drawText(text, { x: 60, y: 760 - i * 24, size: i === 0 ? 18 : 12, font }));
  }
  stable(doc, new Date('2024-03-04T09:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

/** A contract page drawn as text in an SVG, then photographed: a JPEG inside a PDF, no text layer. */
async function scannedContract() {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='1240' height='1754' font-family='DejaVu Sans, sans-serif'>
<rect width='100%' height='100%' fill='#f4f1ea'/>
<text x='120' y='200' font-size='44' fill='#222'>Signed contract</text>
<text x='120' y='300' font-size='28' fill='#222'>Client: Jane Doe (jane.doe@example.com)</text>
<text x='120' y='360' font-size='28' fill='#222'>Work: customised Aurora theme</text>
<text x='120' y='420' font-size='28' fill='#222'>Date: 2024-03-04</text>
<text x='120' y='1500' font-size='28' fill='#222'>Signature: Jane Doe</text>
</svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const image = await doc.embedJpg(jpeg);
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  stable(doc, new Date('2024-03-04T10:30:00Z'));
  return doc.save({ useObjectStreams: false });
}

/** An order form with its fields filled in (appearances written by pdf-lib) and a sticky note without one. */
async function orderForm() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Order form', { x: 56, y: 720, size: 18, font });
  page.drawText('Customer:', { x: 56, y: 662, size: 12, font });
  const form = doc.getForm();
  const name = form.createTextField('customer');
  name.setText('Jane Doe, jane.doe@example.com');
  name.addToPage(page, { x: 140, y: 652, width: 300, height: 24, font });
  const agree = form.createCheckBox('agree');
  agree.addToPage(page, { x: 56, y: 610, width: 16, height: 16 });
  agree.check();
  page.drawText('I accept the terms of service', { x: 80, y: 613, size: 12, font });
  stable(doc, new Date('2024-03-04T08:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

/** A receipt scanned sideways: the page is stored landscape-on-its-side and turned by /Rotate 90. */
async function rotatedReceipt() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // Stored 792 wide and 612 tall, its text running up the page; a viewer turns it 90° clockwise to read it.
  const page = doc.addPage([612, 792]);
  page.setRotation(require('pdf-lib').degrees(90));
  page.drawText('RECEIPT 2024-0305 PAID IN FULL', { x: 100, y: 100, size: 28, font, rotate: require('pdf-lib').degrees(90) });
  stable(doc, new Date('2024-03-05T16:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

async function manyPages(count) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++) doc.addPage([612, 792]).drawText(`Log page ${i}`, { x: 60, y: 700, size: 12, font });
  stable(doc, FIXED);
  return doc.save({ useObjectStreams: true });
}

/** A page that paints a 20 000 x 12 000 image (240 MP): the dictionary says so, the data is never decoded. */
async function hugeImage() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  const stream = doc.context.stream(new Uint8Array(16), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: 20000,
    Height: 12000,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  const name = page.node.newXObject('Im', doc.context.register(stream));
  page.pushOperators(
    ...[
      require('pdf-lib').pushGraphicsState(),
      require('pdf-lib').concatTransformationMatrix(612, 0, 0, 792, 0, 0),
      require('pdf-lib').drawObject(name),
      require('pdf-lib').popGraphicsState(),
    ],
  );
  stable(doc, FIXED);
  return doc.save({ useObjectStreams: false });
}

/** The invoice with every offset in its cross-reference table wrong: readers rebuild the table from the objects. */
function brokenXref(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.lastIndexOf('\nxref');
  return Buffer.from(text.slice(0, at) + text.slice(at).replace(/\d{10} 00000 n/g, '0000000999 00000 n'), 'latin1');
}

/**
 * An iPhone-like HEIC photo with EXIF (taken 13 March 2024 16:42:10 +00:00), encoded by
 * heif-enc from our own JPEG. libheif 1.15 places items by a base offset plus extent offsets;
 * iPhones write the whole offset in the extent, which is what exifr reads, so the offsets
 * are folded into the extents here (same item layout, same bytes of the image).
 */
async function heicPhoto(path, { fold = true } = {}) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='1200' height='900' font-family='DejaVu Sans, sans-serif'>
<rect width='100%' height='100%' fill='#8a9a7b'/><rect x='200' y='150' width='800' height='600' fill='#c8b48a'/>
<text x='240' y='420' font-size='60' fill='#222'>PARCEL 7731 DELIVERED</text><text x='240' y='520' font-size='40' fill='#222'>to Jane Doe, 12 High St</text></svg>`;
  const jpeg = join(dirname(path), 'photo-source.tmp.jpg');
  await sharp(Buffer.from(svg))
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 15' }, IFD2: { DateTimeOriginal: '2024:03:13 16:42:10', OffsetTimeOriginal: '+00:00' } })
    .toFile(jpeg);
  execFileSync('heif-enc', ['-q', '60', jpeg, '-o', path]);
  await (await import('node:fs/promises')).rm(jpeg);
  if (!fold) return;
  const bytes = await readFile(path);
  const at = bytes.indexOf('iloc') - 4;
  const version = bytes[at + 8];
  let p = at + 12;
  const offsetSize = bytes[p] >> 4,
    lengthSize = bytes[p] & 15,
    baseSize = bytes[p + 1] >> 4,
    indexSize = version >= 1 ? bytes[p + 1] & 15 : 0;
  if (offsetSize !== 4 || baseSize !== 4 || lengthSize !== 4 || version > 1) throw new Error('unexpected iloc layout from heif-enc');
  p += 2;
  const count = bytes.readUInt16BE(p);
  p += 2;
  for (let i = 0; i < count; i++) {
    p += 2 + (version === 1 ? 2 : 0) + 2; // item id, construction method, data reference index
    const base = bytes.readUInt32BE(p);
    bytes.writeUInt32BE(0, p);
    p += 4;
    const extents = bytes.readUInt16BE(p);
    p += 2;
    for (let e = 0; e < extents; e++) {
      p += indexSize;
      bytes.writeUInt32BE(bytes.readUInt32BE(p) + base, p);
      p += 8;
    }
  }
  await writeFile(path, bytes);
}

function helpScoutInline(pdf, png) {
  const person = (id, type, first, last, email) => ({ id, type, first, last, email });
  return {
    id: 2391938111,
    number: 349,
    subject: 'Invoice and proof of delivery',
    createdAt: '2024-03-14T10:00:00Z',
    _embedded: {
      threads: [
        {
          id: 1,
          type: 'customer',
          body: '<p>Please send the invoice.</p>',
          createdBy: person(7, 'customer', 'Dana', 'Client', 'dana@example.com'),
          createdAt: '2024-03-14T10:00:00Z',
          _embedded: { attachments: [] },
        },
        {
          id: 2,
          type: 'message',
          body: '<p>Here it is, with the delivery capture.</p>',
          createdBy: person(1, 'user', 'Sam', 'Seller', 'sam@seller.example'),
          createdAt: '2024-03-14T10:30:00Z',
          _embedded: {
            attachments: [
              { filename: 'INV-0042.pdf', mimeType: 'application/pdf', data: Buffer.from(pdf).toString('base64') },
              { filename: 'delivered.png', mimeType: 'image/png', data: Buffer.from(png).toString('base64') },
              { filename: 'logo.zip', mimeType: 'application/zip', _links: { data: { href: 'https://api.helpscout.net/v2/attachments/9/data' } } },
            ],
          },
        },
      ],
    },
  };
}

/** Two messages as Thunderbird writes them to an mbox; the second carries a PDF and a PNG. */
function mbox(pdf, png) {
  const b64 = (bytes) => Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\n');
  return [
    'From jane.doe@example.com Tue Mar 12 09:15:00 2024',
    'From: Jane Doe <jane.doe@example.com>',
    'To: Acme Themes <support@acme.dev>',
    'Subject: Invoice please',
    'Date: Tue, 12 Mar 2024 09:15:00 +0000',
    'Message-ID: <ask-1@example.com>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello, could you send me the invoice for the theme? Thanks, Jane',
    '',
    'From support@acme.dev Wed Mar 13 10:05:00 2024',
    'From: Acme Themes <support@acme.dev>',
    'To: Jane Doe <jane.doe@example.com>',
    'Subject: Re: Invoice please',
    'Date: Wed, 13 Mar 2024 10:05:00 +0000',
    'Message-ID: <reply-2@acme.dev>',
    'In-Reply-To: <ask-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi Jane, the invoice is attached, with a capture of the installed theme.',
    '',
    '--b1',
    'Content-Type: application/pdf; name="INV-0042.pdf"',
    'Content-Disposition: attachment; filename="INV-0042.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(pdf),
    '--b1',
    'Content-Type: image/png; name="installed.png"',
    'Content-Disposition: attachment; filename="installed.png"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(png),
    '--b1--',
    '',
  ].join('\n');
}

async function main() {
  const docs = join(cases, 'documents');
  await mkdir(docs, { recursive: true });
  const invoiceBytes = await invoice();
  await writeFile(join(docs, 'invoice-INV-0042.pdf'), invoiceBytes);
  await writeFile(join(docs, 'agreement.pdf'), await agreement());
  await writeFile(join(docs, 'scanned-contract.pdf'), await scannedContract());
  // A capture between the contract and the invoice, dated by its name.
  const capture = `<svg xmlns='http://www.w3.org/2000/svg' width='900' height='400' font-family='DejaVu Sans, sans-serif'>
<rect width='100%' height='100%' fill='#fff'/><text x='40' y='80' font-size='28'>Jane Doe: Agreed, please start the work.</text>
<text x='40' y='140' font-size='22' fill='#555'>jane.doe@example.com · 4 March 2024 12:00</text></svg>`;
  await writeFile(join(docs, 'Screenshot_20240304-120000.png'), await sharp(Buffer.from(capture)).png({ compressionLevel: 9 }).toBuffer());

  const forms = join(cases, 'pdf-forms');
  await mkdir(forms, { recursive: true });
  await writeFile(join(forms, 'order-form.pdf'), await orderForm());
  await writeFile(join(forms, 'rotated-receipt.pdf'), await rotatedReceipt());

  // An mbox whose second message carries the invoice (PDF) and a capture (PNG), and an iPhone photo.
  const attachments = join(cases, 'attachments');
  await mkdir(attachments, { recursive: true });
  const installed = await sharp(
    Buffer.from(
      `<svg xmlns='http://www.w3.org/2000/svg' width='800' height='300' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#fff'/><text x='30' y='80' font-size='30'>Theme installed on janes-bakery.example</text><text x='30' y='140' font-size='22' fill='#555'>Staging check, 13 March 2024</text></svg>`,
    ),
  )
    .png({ compressionLevel: 9 })
    .toBuffer();
  await writeFile(join(attachments, 'correspondence.mbox'), mbox(invoiceBytes, installed));
  // A Help Scout conversation saved with its attachments' data inline (base64), as the
  // Mailbox API's attachment data endpoint and scripts that archive tickets give it.
  const helpdesk = join(cases, 'helpdesk-inline');
  await mkdir(helpdesk, { recursive: true });
  await writeFile(join(helpdesk, 'conversation-349.json'), JSON.stringify(helpScoutInline(invoiceBytes, installed), null, 1));
  await writeFile(join(helpdesk, 'case.yaml'), 'case: dp_hs_349\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
  try {
    await heicPhoto(join(attachments, 'IMG_0042.HEIC'));
    // As libheif writes it (a base offset in iloc), which exifr alone does not follow.
    await mkdir(join(root, 'images'), { recursive: true });
    await heicPhoto(join(root, 'images', 'libheif-base-offset.heic'), { fold: false });
  } catch (error) {
    console.warn(`IMG_0042.HEIC not written (heif-enc from libheif-examples is needed): ${error.message}`);
  }

  const bad = join(cases, 'bad-pdfs');
  await mkdir(bad, { recursive: true });
  await writeFile(join(bad, 'broken-xref.pdf'), brokenXref(invoiceBytes));
  // An object pdf-lib refuses to parse (junk after the catalog's type) that pdf.js reads past.
  await writeFile(
    join(bad, 'damaged-objects.pdf'),
    Buffer.from(Buffer.from(invoiceBytes).toString('latin1').replace('/Type /Catalog', '/Type /Catalog ]] ['), 'latin1'),
  );
  // A download that stopped half-way: nothing after the first objects.
  await writeFile(join(bad, 'truncated.pdf'), invoiceBytes.subarray(0, 600));
  await writeFile(join(bad, 'server-log.pdf'), await manyPages(75));
  await writeFile(join(bad, 'huge-image.pdf'), await hugeImage());
  await writeFile(join(bad, 'not-really.pdf'), Buffer.from('%PDF-1.7\nthis is not a PDF at all\n'));
  // qpdf writes the encrypted ones (AES-256): one opens without a password (owner password only), one needs it.
  const plain = join(docs, 'invoice-INV-0042.pdf');
  // AES salts are random: kept as committed unless removed.
  const { existsSync } = await import('node:fs');
  const qpdf = (args) => existsSync(args[args.length - 1]) || execFileSync('qpdf', ['--static-id', ...args]);
  qpdf(['--encrypt', '', 'owner-secret', '256', '--print=none', '--modify=none', '--extract=n', '--', plain, join(bad, 'locked-owner-only.pdf')]);
  qpdf(['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, join(bad, 'needs-password.pdf')]);
}

await main();
