#!/usr/bin/env node
// Writes fixtures/cases/first-night: a freelancer's case as one arrives the night before the
// deadline (issue 36): a WhatsApp chat (Android, 24-hour, day first), a delivery email to the
// client with a capture attached, an invoice printed to PDF weeks after its date (the text says
// 5 October 2026, the metadata says 5 December), and a screenshot of the client's approval.
// The outputs are committed; run this only to change them: `npm run fixtures`.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const { PDFDocument, StandardFonts } = require('pdf-lib');
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cases', 'first-night');

const CHAT = [
  ['01/10/2026, 09:12', 'Sam Rivera', 'Hi Jane, here is the quote for the booking site: USD 1,850.00, delivery by 20 October.'],
  ['01/10/2026, 09:40', 'Jane Doe', 'Looks good, go ahead.'],
  ['05/10/2026, 10:31', 'Sam Rivera', 'Invoice INV-2026-031 is in your inbox.'],
  ['05/10/2026, 11:02', 'Jane Doe', 'Paid, thanks.'],
  ['14/10/2026, 16:20', 'Sam Rivera', 'The first version is on the staging site.'],
  ['14/10/2026, 18:05', 'Jane Doe', 'Can the calendar start on Monday?'],
  ['15/10/2026, 09:30', 'Sam Rivera', 'Done, the calendar starts on Monday now.'],
  ['19/10/2026, 13:45', 'Sam Rivera', 'Final files delivered by email, and the site is live.'],
  ['19/10/2026, 14:10', 'Jane Doe', 'Approved ✅ works on my phone too 👍'],
  ['26/10/2026, 08:55', 'Jane Doe', 'Booked my first client through the site today!'],
];

function whatsapp() {
  return CHAT.map(([when, who, text]) => `${when} - ${who}: ${text}`).join('\n') + '\n';
}

async function capture(lines, width = 900) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = lines.map((t, i) => `<text x='24' y='${48 + i * 34}' font-size='20' fill='#111'>${esc(t)}</text>`).join('');
  const height = 48 + lines.length * 34;
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#fff'/>${rows}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function deliveryEmail() {
  const png = await capture(['janes-bookings.example — live', 'Book a session: Monday to Friday', 'Powered by the booking theme from Sam Rivera']);
  const b64 = png.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Sam Rivera <sam@rivera.dev>',
    'To: Jane Doe <jane.doe@example.com>',
    'Subject: Final files: janes-bookings.example',
    'Date: Mon, 19 Oct 2026 13:40:00 +0200',
    'Message-ID: <delivery-2026-10-19@rivera.dev>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi Jane,',
    '',
    'the site is live and the final files are attached. The capture shows the live site.',
    '',
    'Sam',
    '--b1',
    'Content-Type: image/png; name="live-site.png"',
    'Content-Disposition: attachment; filename="live-site.png"',
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--b1--',
    '',
  ].join('\r\n');
}

/** Printed to PDF on 5 December, weeks after the date its text carries. */
async function invoice() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [
    'Sam Rivera — web design',
    'Invoice INV-2026-031',
    'Date: 5 October 2026',
    'Bill to: Jane Doe <jane.doe@example.com>',
    'Booking website, design and build: USD 1,850.00',
    'Paid by card on 5 October 2026.',
  ];
  lines.forEach((t, i) => page.drawText(t, { x: 56, y: 760 - i * 28, size: i === 1 ? 18 : 12, font }));
  const printed = new Date('2026-12-05T21:14:00Z');
  doc.setProducer('Microsoft: Print To PDF');
  doc.setCreator('Microsoft Word');
  doc.setCreationDate(printed);
  doc.setModificationDate(printed);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

await mkdir(join(dir, 'screenshots'), { recursive: true });
await writeFile(join(dir, 'WhatsApp Chat with Jane Doe.txt'), whatsapp());
await writeFile(join(dir, 'delivery.eml'), await deliveryEmail());
await writeFile(join(dir, 'invoice.pdf'), await invoice());
await writeFile(
  join(dir, 'screenshots', 'Screenshot_20261019-141200.png'),
  await capture(['Jane Doe  jane.doe@example.com', '19 Oct 2026 14:10', 'Approved, works on my phone too']),
);
