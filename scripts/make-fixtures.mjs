#!/usr/bin/env node
// Renders the bundled sample case's screenshots from our own SVG (no third-party images)
// and writes the small broken files the tests use. The outputs are committed; run this
// only to change them: `npm run fixtures`.
import { mkdir, writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const FONT = "font-family='DejaVu Sans, sans-serif'";

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Naive wrap by character count: good enough for our own fixed texts. */
function wrap(text, max) {
  const out = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > max) {
      out.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) out.push(line);
  return out;
}

function phoneChat({ width, height, contact, subtitle, messages }) {
  const s = width / 390; // design at 390 pt wide, like an iPhone, scaled to pixels
  let y = 120 * s;
  const bubbles = messages
    .map((m) => {
      const lines = wrap(m.text, 30);
      const h = (lines.length * 22 + 34) * s;
      const w = 270 * s;
      const x = m.mine ? width - w - 14 * s : 14 * s;
      const fill = m.mine ? '#d9fdd3' : '#ffffff';
      const text = lines.map((l, i) => `<text x='${x + 12 * s}' y='${y + (24 + i * 22) * s}' font-size='${16 * s}' fill='#111'>${esc(l)}</text>`).join('');
      const time = `<text x='${x + w - 12 * s}' y='${y + h - 9 * s}' font-size='${11 * s}' fill='#667781' text-anchor='end'>${esc(m.time)}</text>`;
      const out = `<rect x='${x}' y='${y}' width='${w}' height='${h}' rx='${10 * s}' fill='${fill}' stroke='#d0d0d0'/>${text}${time}`;
      y += h + 12 * s;
      return out;
    })
    .join('');
  return `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}>
<rect width='100%' height='100%' fill='#efeae2'/>
<rect width='100%' height='${96 * s}' fill='#075e54'/>
<circle cx='${40 * s}' cy='${58 * s}' r='${20 * s}' fill='#cfd8dc'/>
<text x='${72 * s}' y='${54 * s}' font-size='${18 * s}' fill='#fff' font-weight='bold'>${esc(contact)}</text>
<text x='${72 * s}' y='${76 * s}' font-size='${13 * s}' fill='#d7f0ea'>${esc(subtitle)}</text>
<rect x='${(width - 120 * s) / 2}' y='${100 * s}' width='${120 * s}' height='${14 * s}' rx='${5 * s}' fill='#e1f2fb'/>
<text x='${width / 2}' y='${111 * s}' font-size='${11 * s}' fill='#54656f' text-anchor='middle'>5 March 2024</text>
${bubbles}
</svg>`;
}

function emailWindow({ width, height, subject, from, date, to, body, sidebar }) {
  const bodyLines = body.flatMap((p) => [...wrap(p, 90), '']);
  const list = sidebar
    .map(
      (item, i) => `<rect x='0' y='${90 + i * 64}' width='320' height='64' fill='${i === 0 ? '#e8f0fe' : '#fff'}' stroke='#eee'/>
<text x='18' y='${114 + i * 64}' font-size='14' font-weight='bold' fill='#202124'>${esc(item.from)}</text>
<text x='300' y='${114 + i * 64}' font-size='12' fill='#5f6368' text-anchor='end'>${esc(item.time)}</text>
<text x='18' y='${136 + i * 64}' font-size='13' fill='#5f6368'>${esc(item.subject)}</text>`,
    )
    .join('');
  const text = bodyLines.map((l, i) => `<text x='360' y='${300 + i * 24}' font-size='15' fill='#202124'>${esc(l)}</text>`).join('');
  return `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}>
<rect width='100%' height='100%' fill='#ffffff'/>
<rect width='100%' height='56' fill='#f1f3f4'/>
<text x='20' y='36' font-size='20' fill='#5f6368'>Mail — support@acme.dev</text>
<rect x='0' y='56' width='320' height='34' fill='#f8f9fa'/>
<text x='18' y='79' font-size='13' fill='#5f6368'>Inbox</text>
${list}
<text x='360' y='110' font-size='22' fill='#202124'>${esc(subject)}</text>
<circle cx='380' cy='160' r='18' fill='#8ab4f8'/>
<text x='410' y='156' font-size='15' font-weight='bold' fill='#202124'>${esc(from)}</text>
<text x='410' y='178' font-size='13' fill='#5f6368'>to ${esc(to)}</text>
<text x='${width - 30}' y='156' font-size='13' fill='#5f6368' text-anchor='end'>${esc(date)}</text>
<line x1='360' y1='210' x2='${width - 30}' y2='210' stroke='#e0e0e0'/>
${text}
</svg>`;
}

function browserPage({ width, height, url, title, lines, footer }) {
  const body = lines.map((l, i) => `<text x='80' y='${260 + i * 30}' font-size='18' fill='#3e2723'>${esc(l)}</text>`).join('');
  return `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}>
<rect width='100%' height='100%' fill='#fffaf3'/>
<rect width='100%' height='72' fill='#dee1e6'/>
<rect x='90' y='18' width='${width - 180}' height='36' rx='18' fill='#fff'/>
<text x='115' y='42' font-size='15' fill='#202124'>${esc(url)}</text>
<rect y='72' width='100%' height='110' fill='#6d4c41'/>
<text x='80' y='142' font-size='38' font-weight='bold' fill='#fff'>${esc(title)}</text>
${body}
<rect y='${height - 60}' width='100%' height='60' fill='#4e342e'/>
<text x='80' y='${height - 24}' font-size='14' fill='#efebe9'>${esc(footer)}</text>
</svg>`;
}

function invoicePhoto({ width, height }) {
  // A photographed paper invoice: off-white paper on a wooden desk, slight tilt.
  return `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}>
<defs><linearGradient id='wood' x1='0' y1='0' x2='1' y2='1'><stop offset='0' stop-color='#8d6e63'/><stop offset='1' stop-color='#5d4037'/></linearGradient>
<linearGradient id='paper' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#fdfdf8'/><stop offset='1' stop-color='#ecebe4'/></linearGradient></defs>
<rect width='100%' height='100%' fill='url(#wood)'/>
<g transform='rotate(-1.5 ${width / 2} ${height / 2})'>
<rect x='90' y='60' width='${width - 180}' height='${height - 120}' fill='url(#paper)'/>
<text x='140' y='150' font-size='40' font-weight='bold' fill='#222'>INVOICE INV-0042</text>
<text x='140' y='200' font-size='22' fill='#333'>Acme Themes · support@acme.dev</text>
<text x='140' y='260' font-size='22' fill='#333'>Billed to: Jane Doe · jane.doe@example.com</text>
<text x='140' y='300' font-size='22' fill='#333'>Date: 5 March 2024</text>
<text x='140' y='380' font-size='24' fill='#222'>Aurora theme, customised (2 revisions)</text>
<text x='${width - 140}' y='380' font-size='24' fill='#222' text-anchor='end'>USD 499.00</text>
<line x1='140' y1='410' x2='${width - 140}' y2='410' stroke='#555'/>
<text x='140' y='460' font-size='24' font-weight='bold' fill='#222'>Paid in full</text>
<text x='140' y='520' font-size='22' fill='#333'>Card: 4242 4242 4242 4242  exp 04/27</text>
<text x='140' y='600' font-size='18' fill='#666'>Delivery by 13 March 2024. Thank you for your business.</text>
</g></svg>`;
}

async function png(svg, path) {
  await mkdir(dirname(path), { recursive: true });
  await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(path);
  console.log('wrote', path);
}

async function main() {
  const sample = join(root, 'sample-case');
  await png(
    phoneChat({
      width: 780,
      height: 1688,
      contact: 'Jane Doe',
      subtitle: '+44 7700 900123',
      messages: [
        { text: 'Hi! I would like the Aurora theme customised for my bakery website. Is $499 OK for that?', time: '14:09' },
        { mine: true, text: 'Yes, $499 covers the customisation and two rounds of revisions. Delivery by 13 March.', time: '14:10' },
        { text: 'Perfect. Paying the invoice now.', time: '14:11' },
        { mine: true, text: 'Thanks Jane! Invoice INV-0042 is on its way to jane.doe@example.com.', time: '14:12' },
      ],
    }),
    join(sample, 'screenshots', 'Screenshot_20240305-141208.png'),
  );
  await png(
    emailWindow({
      width: 1440,
      height: 900,
      subject: 'Re: Aurora theme delivered',
      from: 'Jane Doe <jane.doe@example.com>',
      to: 'support@acme.dev',
      date: 'Thu, 14 Mar 2024, 10:21',
      body: [
        'Hi Sam,',
        'I have installed the theme on janes-bakery.example and everything works, including the order form and the menu page.',
        'Approved. Thank you for the quick work!',
        'Jane',
      ],
      sidebar: [
        { from: 'Jane Doe', time: '10:21', subject: 'Re: Aurora theme delivered' },
        { from: 'Jane Doe', time: '12 Mar', subject: 'Revision 2: colours' },
        { from: 'Jane Doe', time: '8 Mar', subject: 'Revision 1: fonts' },
        { from: 'Stripe', time: '5 Mar', subject: 'Payment received: USD 499.00' },
      ],
    }),
    join(sample, 'screenshots', 'Screenshot 2024-03-14 at 10.22.33.png'),
  );
  await png(
    browserPage({
      width: 1280,
      height: 800,
      url: 'https://janes-bakery.example/',
      title: "Jane's Bakery",
      lines: ['Fresh sourdough every morning from 7 am.', 'Order cakes online: pick up in two days.', 'Open Tuesday to Sunday.'],
      footer: '© 2024 Jane’s Bakery · Theme: Aurora by Acme Themes',
    }),
    join(sample, 'screenshots', 'live-site.png'),
  );
  const photo = join(sample, 'receipt.jpg');
  await sharp(Buffer.from(invoicePhoto({ width: 1200, height: 800 })))
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: 'evidence-packet fixtures' }, IFD2: { DateTimeOriginal: '2024:03:05 14:15:40', OffsetTimeOriginal: '+00:00' } })
    .toFile(photo);
  console.log('wrote', photo);

  // Broken inputs for tests: each must give a finding naming the file, never a crash.
  const broken = join(root, 'cases', 'broken-inputs');
  await mkdir(broken, { recursive: true });
  const good = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns='http://www.w3.org/2000/svg' width='400' height='300' ${FONT}><text x='20' y='150' font-size='24'>A valid screenshot</text></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();
  await writeFile(join(broken, 'Screenshot_20240301-120000.png'), good);
  await writeFile(join(broken, 'Screenshot_20240301-120500-truncated.png'), good.subarray(0, Math.floor(good.length / 2)));
  await writeFile(join(broken, 'empty.png'), Buffer.alloc(0));
  await writeFile(join(broken, 'notes.png'), 'These are my notes, not an image.\n');
  await writeFile(join(broken, 'huge-30000x30000.png'), hugePng(30000, 30000));
  await writeFile(join(broken, 'case.yaml'), 'case: broken_1\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\ntimezone: Europe/London\n');
  console.log('wrote', broken);
}

/** A valid 1-bit grayscale PNG of the given size; all white, so it compresses to ~100 KB. */
function hugePng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(rowBytes * height, 0xff);
  for (let y = 0; y < height; y++) raw[y * rowBytes] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

await main();
