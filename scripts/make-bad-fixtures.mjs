#!/usr/bin/env node
// Writes fixtures/bad/: a case folder per hostile input issue #23 names — card numbers where
// they used to leak, a zip bomb, a 5 MB line, a catastrophic regex, a YAML alias bomb, a
// 10 MB note, a zip with a symbolic link, a PNG with a bad CRC, an email with a broken MIME
// boundary, a Telegram export with deeply nested text. Our own content, deterministic. The
// outputs are committed (`npm run fixtures` rewrites them); the case with control characters
// in a file name is only ever written to a temporary folder by the tests (writeBadCase), since
// such a name in the repository would trouble other tools.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { caseYaml, chat, HOSTILE_PANS, png, zeros, zip } from './hostile-cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'bad');

/** Test card numbers the networks publish (Stripe's, Visa's): Luhn-valid, never real cards. */
export const PANS = HOSTILE_PANS;

/** A one-page PDF with a line of text in its text layer (Helvetica: the text is plain in its content stream). */
async function invoicePdf(text) {
  const doc = await PDFDocument.create();
  const date = new Date(Date.UTC(2024, 2, 14, 10, 0, 0));
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const page = doc.addPage([612, 792]);
  page.drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save({ useObjectStreams: false });
}

/** Each case: its files (name → bytes, or a writer for large ones). */
export const BAD_CASES = {
  'card-numbers': async (dir) => {
    await writeFile(
      join(dir, 'chat.txt'),
      chat([
        ['10:20', 'Dana Client', `Paying here: https://pay.example/checkout?card=${PANS[0]}&cvc=123`],
        ['10:21', 'Sam Seller', 'Please never send card numbers in chat.'],
        ['10:22', 'Dana Client', 'My other card is 6011.1111.1111.1117 if that one fails'],
        ['10:23', 'Dana Client', `ref ${PANS[2]}`],
      ]),
    );
    await writeFile(join(dir, `receipt-${PANS[3]}.png`), await png('Receipt INV-0042 paid in full'));
    await writeFile(join(dir, 'Screenshot_20240314-102400.png'), await png('Card 3782 822463 10005 approved'));
    await writeFile(join(dir, 'invoice.pdf'), await invoicePdf(`Invoice INV-0042, paid with card 4000 0566 5566 5556 on 14 March 2024`));
    await writeFile(
      join(dir, 'case.yaml'),
      caseYaml(
        'card_numbers',
        `summary: The client paid with 4242 4242 4242 4242 and approved the work.\nitems:\n  - file: receipt-${PANS[3]}.png\n    date: 2024-03-14T10:25:00Z\n  - file: chat.txt\n    note: Client pasted 5555-5555-5555-4444 into the chat\n  - file: Screenshot_20240314-102400.png\n    note: Receipt for card 6011111111111117\n`,
      ).replace('name: Dana Client', `name: Dana Client ${PANS[0]}`),
    );
  },
  'zip-bomb': async (dir) => {
    await zip(join(dir, 'WhatsApp Chat with Dana Client.zip'), [{ name: '_chat.txt', stream: zeros(1100 * 1024 * 1024) }]);
    await writeFile(join(dir, 'case.yaml'), caseYaml('zip_bomb'));
  },
  'long-line': async (dir) => {
    const line = 'evidence'.repeat(Math.ceil((5 * 1024 * 1024) / 8)).slice(0, 5 * 1024 * 1024);
    await writeFile(
      join(dir, 'chat.txt'),
      `14/03/2024, 10:20 - Dana Client: Hi\n14/03/2024, 10:21 - Dana Client: ${line}\n14/03/2024, 10:22 - Sam Seller: ok\n`,
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('long_line', 'items:\n  - file: chat.txt\n    select:\n      match: [ok]\n'));
  },
  'regex-redos': async (dir) => {
    await writeFile(
      join(dir, 'chat.txt'),
      chat([
        ['10:20', 'Dana Client', `${'a'.repeat(60_000)}!`],
        ['10:21', 'Sam Seller', 'aaaa'],
      ]),
    );
    await writeFile(
      join(dir, 'case.yaml'),
      caseYaml('regex_redos', 'items:\n  - file: chat.txt\n    select:\n      match: ["/(a+)+$/", "/(?=a)b/", "seller"]\n'),
    );
  },
  'yaml-alias-bomb': async (dir) => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    await writeFile(join(dir, 'case.yaml'), `${caseYaml('alias_bomb')}${levels.join('\n')}\n`);
    await writeFile(join(dir, 'chat.txt'), chat([['10:20', 'Dana Client', 'Hi']]));
  },
  'huge-note': async (dir) => {
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), await png('The theme works, approved'));
    await writeFile(join(dir, 'Screenshot_20240314-102200.png.note.txt'), `${'The client approves the theme. '.repeat(Math.ceil((10 * 1024 * 1024) / 30))}`);
    await writeFile(join(dir, 'case.yaml'), caseYaml('huge_note'));
  },
  'zip-symlink': async (dir) => {
    await zip(join(dir, 'WhatsApp Chat with Dana Client.zip'), [
      {
        name: '_chat.txt',
        data: chat([
          ['10:20', 'Dana Client', 'Hi Sam, the files arrived'],
          ['10:21', 'Sam Seller', 'Great'],
        ]),
      },
      { name: 'IMG-20240314-WA0001.jpg', data: '/etc/passwd', mode: 0o120777 },
      { name: 'notes.txt', data: 'SYMLINK-NEIGHBOUR-TEXT' },
    ]);
    await writeFile(join(dir, 'case.yaml'), caseYaml('zip_symlink'));
  },
  'bad-crc-png': async (dir) => {
    const bytes = Buffer.from(await png('Approved. Thank you'));
    // The last byte of the IHDR chunk's CRC (bytes 8 + 4 + 4 + 13 + 3 = 32), flipped.
    bytes[32] ^= 0xff;
    await writeFile(join(dir, 'Screenshot_20240314-102200.png'), bytes);
    await writeFile(join(dir, 'case.yaml'), caseYaml('bad_crc'));
  },
  'broken-mime': async (dir) => {
    const eml = [
      'From: Dana Client <dana@example.com>',
      'To: Sam Seller <sam@acme.dev>',
      'Subject: Files received',
      'Date: Thu, 14 Mar 2024 10:22:00 +0000',
      'Message-ID: <broken-mime@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="BOUNDARY-42"',
      '',
      '--BOUNDARY-42',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Sam, the files arrived and the theme works.',
      '--BOUNDARY-42',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The message was cut here',
      '',
    ].join('\r\n');
    await writeFile(join(dir, 'files.eml'), eml);
    await writeFile(join(dir, 'case.yaml'), caseYaml('broken_mime'));
  },
  'nested-telegram': async (dir) => {
    let text = 'DEEP-TEXT';
    for (let i = 0; i < 40; i++) text = [{ type: 'bold', text: [text] }];
    const messages = [
      { id: 1, type: 'message', date: '2024-03-14T10:20:00', date_unixtime: '1710411600', from: 'Dana Client', from_id: 'user1', text: 'Hi Sam' },
      { id: 2, type: 'message', date: '2024-03-14T10:21:00', date_unixtime: '1710411660', from: 'Dana Client', from_id: 'user1', text },
    ];
    await writeFile(join(dir, 'result.json'), JSON.stringify({ name: 'Dana Client', type: 'personal_chat', id: 1, messages }, null, 1));
    await writeFile(join(dir, 'case.yaml'), caseYaml('nested_telegram'));
  },
};

/** Cases written only by the tests, to a temporary folder (never committed). */
export const TEMP_ONLY_CASES = {
  'control-chars': async (dir) => {
    await writeFile(join(dir, 'evil\u001b[2J\u0007name.png'), await png('The theme works'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('control_chars'));
  },
};

/** Writes one case into `dir` (made empty first). */
export async function writeBadCase(name, dir) {
  const make = BAD_CASES[name] ?? TEMP_ONLY_CASES[name];
  if (!make) throw new Error(`no bad case ${name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await make(dir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of Object.keys(BAD_CASES)) {
    await writeBadCase(name, join(root, name));
    console.log(`fixtures/bad/${name}`);
  }
}
