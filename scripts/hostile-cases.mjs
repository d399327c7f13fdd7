// Hostile cases other than PDFs, for scripts/make-hostile-fixtures.mjs: zips, images, emails,
// chats and manifests built to hit one weakness each. Our own content, deterministic.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import yazl from 'yazl';

/** Test card numbers the networks publish: Luhn-valid, never real cards. */
export const HOSTILE_PANS = ['4000056655665556', '6011111111111117', '4242424242424242', '5555555555554444', '378282246310005'];

export const caseYaml = (id, extra = '', client = 'dana@example.com') =>
  `case: ${id}\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Dana Client\n  email: ${client}\n${extra}`;

const FONT = "font-family='DejaVu Sans, sans-serif'";
const MTIME = new Date(Date.UTC(2024, 2, 14, 10, 0, 0));

export const chat = (lines) => lines.map(([time, who, text]) => `14/03/2024, ${time} - ${who}: ${text}`).join('\n') + '\n';

/** A screenshot-like PNG with a line of text. */
export async function png(text, width = 900, height = 200) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}><rect width='100%' height='100%' fill='#fff'/><text x='30' y='80' font-size='34' fill='#111'>${text}</text><text x='30' y='150' font-size='24' fill='#444'>14/03/2024 10:22</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A zip written by yazl; `entries` are { name, data | stream, compress, mode }. */
export function zip(path, entries) {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries) {
      const options = { mtime: MTIME, compress: e.compress ?? true, ...(e.mode ? { mode: e.mode } : {}) };
      if (e.stream) z.addReadStream(e.stream, e.name, options);
      else z.addBuffer(Buffer.from(e.data), e.name, options);
    }
    z.end();
    z.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

/** Zeros, `bytes` of them, as a stream (a bomb's content), never all in memory. */
export function zeros(bytes) {
  const chunk = Buffer.alloc(1 << 20);
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

const eml = (from, body, extra = []) =>
  [
    `From: ${from}`,
    'To: Sam Seller <sam@acme.dev>',
    'Subject: The theme',
    'Date: Thu, 14 Mar 2024 10:22:00 +0000',
    `Message-ID: <${Buffer.from(from).toString('hex').slice(0, 16)}@example.com>`,
    'MIME-Version: 1.0',
    ...extra,
    '',
    body,
    '',
  ].join('\r\n');

/** Committed cases. */
export const HOSTILE_TEXT_CASES = {
  'whatsapp-zip-card-image': async (dir) => {
    await zip(join(dir, 'WhatsApp Chat with Dana Client.zip'), [
      {
        name: 'WhatsApp Chat with Dana Client.txt',
        data: chat([
          ['10:20', 'Dana Client', 'IMG-20240314-WA0001.png (file attached)'],
          ['10:21', 'Sam Seller', 'Thanks, received'],
        ]),
      },
      { name: 'IMG-20240314-WA0001.png', data: await png('Card 4000 0566 5566 5556 approved'), compress: false },
    ]);
    await writeFile(join(dir, 'case.yaml'), caseYaml('zip_card_image'));
  },
  'whatsapp-zip-stored': async (dir) => {
    // Stored entries, the chat not first and a PDF before it: still a WhatsApp zip, first message kept.
    await zip(join(dir, 'WhatsApp Chat with Dana Client.zip'), [
      { name: 'DOC-20240314-WA0002.pdf', data: '%PDF-1.4\n%stored first\n', compress: false },
      { name: 'IMG-20240314-WA0001.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-BYTES-NOT-TEXT')]), compress: false },
      {
        name: 'WhatsApp Chat with Dana Client.txt',
        data: chat([
          ['10:20', 'Dana Client', 'FIRST-MESSAGE the files arrived'],
          ['10:21', 'Sam Seller', 'Great'],
        ]),
        compress: false,
      },
    ]);
    await writeFile(join(dir, 'case.yaml'), caseYaml('zip_stored'));
  },
  'lookalike-senders': async (dir) => {
    await writeFile(join(dir, 'display-name.eml'), eml('"dana@example.com" <attacker@evil.example>', 'I approve the theme (display name).'));
    await writeFile(join(dir, 'digit-one.eml'), eml('Dana Client <dana@examp1e.com>', 'I approve the theme (digit one).'));
    await writeFile(
      join(dir, 'cyrillic.eml'),
      eml('Dana Client <dana@ex\u0430mple.com>', 'I approve the theme (Cyrillic a).', ['Content-Type: text/plain; charset=utf-8']),
    );
    await writeFile(join(dir, 'real.eml'), eml('Dana Client <dana@example.com>', 'I approve the theme (the client).'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('lookalike'));
  },
  'idn-client': async (dir) => {
    await writeFile(
      join(dir, 'mail.eml'),
      eml('=?utf-8?q?J=C3=B6rg_D=C3=B6e?= <jd\u00f6e@m\u00e4chine.example>', 'The theme works, thank you.', ['Content-Type: text/plain; charset=utf-8']),
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('idn_client', '', 'jd\u00f6e@m\u00e4chine.example'));
  },
  'email-bad-attachment': async (dir) => {
    const png1 = (await png('Screenshot of the live theme')).subarray(0, 120).toString('base64');
    const body = [
      '--B42',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is the screenshot, the theme works.',
      '--B42',
      'Content-Type: image/png; name="live.png"',
      'Content-Disposition: attachment; filename="live.png"',
      'Content-Transfer-Encoding: base64',
      '',
      png1,
      '--B42--',
    ].join('\r\n');
    await writeFile(join(dir, 'mail.eml'), eml('Dana Client <dana@example.com>', body, ['Content-Type: multipart/mixed; boundary="B42"']));
    await writeFile(join(dir, 'case.yaml'), caseYaml('bad_attachment'));
  },
  'zip-link-controls': async (dir) => {
    await zip(join(dir, 'WhatsApp Chat with Dana Client.zip'), [
      {
        name: 'WhatsApp Chat with Dana Client.txt',
        data: chat([
          ['10:20', 'Dana Client', 'Hi Sam, the files arrived'],
          ['10:21', 'Sam Seller', 'Great'],
        ]),
      },
      { name: 'IMG\u001b[2J\u0007\u0085-link.jpg', data: '/etc/passwd', mode: 0o120777 },
    ]);
    await writeFile(join(dir, 'case.yaml'), caseYaml('zip_link_controls'));
  },
  'tiny-image': async (dir) => {
    await writeFile(
      join(dir, 'Screenshot_20240314-102200.png'),
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('tiny_image'));
  },
};

/** Control characters a terminal or a CI log would act on. */
export const CONTROL = '\u001b[31mRED\u001b[2K\r\u009b2J\u0085NEL\u007fDEL\u0007';

/** Cases written only to a temporary folder (special files, names no repository should hold). */
export const TEMP_ONLY_HOSTILE = {
  'sink-injection': async (dir) => {
    await writeFile(join(dir, `Screenshot_20240314-102200 evil${CONTROL}name.png`), await png('The theme works'));
    // A message may not hold a CR (it ends a line in the export); the rest of the controls it may.
    await writeFile(
      join(dir, 'chat.txt'),
      chat([
        ['10:20', 'Dana Client', `Hi${CONTROL.replace('\r', '')}`],
        ['10:21', 'Dana Client', '::error file=x::forged'],
      ]),
    );
    await writeFile(join(dir, 'case.yaml'), caseYaml('sinks', `"bad${CONTROL}\\nerror ITEM_FORGED  x.png": 1\n`));
  },
};
