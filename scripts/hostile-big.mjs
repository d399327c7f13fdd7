// Hostile cases too large to commit (issue #37, "hangs and unbounded memory"), written to a
// temporary folder by the bench (BENCH_ONLY=hostile) and, for the special files, by the tests:
// a PDF flate bomb, a PNG with a 512 MiB ICC profile, a 300 MB .eml, a WhatsApp message of a
// million lines, a CSV with a 50 MB field, a 99 MP 16-bit PNG, a tall scroll capture, and
// named pipes or links to /dev/zero where the tool reads its own files.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDeflate, crc32 } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { caseYaml, chat, png, zeros } from './hostile-cases.mjs';

/** Zeros deflated, `bytes` of them before, as one buffer (about bytes / 1000). */
async function deflatedZeros(bytes) {
  const parts = [];
  await pipeline(zeros(bytes), createDeflate({ level: 9 }), async (source) => {
    for await (const chunk of source) parts.push(chunk);
  });
  return Buffer.concat(parts);
}

/** Writes `count` lines from `line(i)` to a file, in blocks. */
async function writeLines(path, head, count, line, tail = '') {
  const out = createWriteStream(path);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(head);
  for (let i = 0; i < count; i += 10_000) await write(Array.from({ length: Math.min(10_000, count - i) }, (_, k) => line(i + k)).join(''));
  await write(tail);
  await new Promise((resolve) => out.end(resolve));
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export const BIG_CASES = {
  'pdf-flate-bomb': async (dir) => {
    const doc = await PDFDocument.create();
    doc.setCreationDate(new Date(Date.UTC(2024, 2, 14)));
    const page = doc.addPage([612, 792]);
    page.drawText('Receipt 14 March 2024', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    const bomb = doc.context.register(PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode' }), await deflatedZeros(1024 * 1024 * 1024)));
    page.node.set(PDFName.of('Contents'), doc.context.obj([page.node.get(PDFName.of('Contents')), bomb]));
    await writeFile(join(dir, 'receipt.pdf'), await doc.save({ useObjectStreams: false }));
    await writeFile(join(dir, 'case.yaml'), caseYaml('flate_bomb'));
  },
  'png-huge-icc': async (dir) => {
    const base = await png('The theme works');
    const profile = Buffer.concat([Buffer.from('bomb\0\0', 'latin1'), await deflatedZeros(512 * 1024 * 1024)]);
    // iCCP goes before IDAT: right after IHDR (8 + 25 bytes).
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), Buffer.concat([base.subarray(0, 33), chunk('iCCP', profile), base.subarray(33)]));
    await writeFile(join(dir, 'case.yaml'), caseYaml('huge_icc'));
  },
  'eml-300mb': async (dir) => {
    const head = [
      'From: Dana Client <dana@example.com>',
      'To: Sam Seller <sam@acme.dev>',
      'Subject: Big',
      'Date: Thu, 14 Mar 2024 10:22:00 +0000',
      'Message-ID: <big@example.com>',
      'Content-Type: text/plain',
      '',
      '',
    ].join('\r\n');
    await writeLines(
      join(dir, 'big.eml'),
      head,
      3_000_000,
      (i) => `line ${String(i).padStart(8, '0')} of a very long message body, padded to about one hundred bytes\r\n`,
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('eml_300mb'));
  },
  'whatsapp-million-lines': async (dir) => {
    await writeLines(
      join(dir, 'chat.txt'),
      chat([['10:20', 'Dana Client', 'Start of a long message']]),
      1_000_000,
      (i) => `continuation line ${i}\n`,
      chat([['10:21', 'Sam Seller', 'ok']]),
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('million_lines'));
  },
  'csv-50mb-field': async (dir) => {
    await writeFile(
      join(dir, 'messages.csv'),
      `date,sender,text\n2024-03-14T10:20:00Z,Dana Client,"${'x'.repeat(50 * 1024 * 1024)}"\n2024-03-14T10:21:00Z,Sam Seller,ok\n`,
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('csv_field'));
  },
  'png-99mp-16bit': async (dir) => {
    const side = 9950;
    await sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } })
      .toColourspace('rgb16')
      .png({ compressionLevel: 1 })
      .toFile(join(dir, 'Screenshot_20240314-102200.png'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('png_99mp'));
  },
  'tall-scroll': async (dir) => {
    const rows = Array.from({ length: 320 }, (_, i) => `<text x='30' y='${100 + i * 100}' font-size='28'>Message ${i}: the theme works</text>`).join('');
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='1080' height='32000'><rect width='100%' height='100%' fill='#fff'/>${rows}</svg>`;
    await sharp(Buffer.from(svg), { limitInputPixels: false }).png().toFile(join(dir, 'Screenshot_20240314-102200.png'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('tall_scroll'));
  },
};

const mkfifo = (path) => {
  if (spawnSync('mkfifo', [path]).status !== 0) throw new Error(`mkfifo ${path} failed`);
};

/** Special files where the tool reads its own: a named pipe, or a link to /dev/zero, in each place. */
export const SPECIAL_CASES = {
  'fifo-ignore': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_ignore'));
    mkfifo(join(dir, '.evidenceignore'));
  },
  'zero-ignore': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('zero_ignore'));
    await symlink('/dev/zero', join(dir, '.evidenceignore'));
  },
  'fifo-manifest': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    mkfifo(join(dir, 'case.yaml'));
  },
  'zero-manifest': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await symlink('/dev/zero', join(dir, 'case.yaml'));
  },
  'fifo-letter': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_letter', 'template: letter.md\n'));
    mkfifo(join(dir, 'letter.md'));
  },
  'fifo-evidence': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('fifo_evidence'));
    mkfifo(join(dir, 'chat.txt'));
  },
};

export async function writeBigCase(name, dir) {
  await mkdir(dir, { recursive: true });
  await (BIG_CASES[name] ?? SPECIAL_CASES[name])(dir);
}
