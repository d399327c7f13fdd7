#!/usr/bin/env node
// Writes our own folder exports, each in the shape its tool writes (read from the tool's source;
// see docs/formats-folders.md): an imessage-exporter export folder (TXT and HTML) with the
// attachments/<chat id>/<row id>.<ext> it copies, DiscordChatExporter exports with `--media`
// (the `<export>_Files/` folder and its `<name>-<hash>.<ext>` files), and a signal-export
// conversation folder with data.json; plus damaged samples and the e2e case that holds one of
// each. The outputs are committed; run this only to change them: `npm run fixtures`.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { discordExports } from './folder-fixtures-discord.mjs';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const chats = join(root, 'chats');
const casedir = join(root, 'cases', 'folder-exports');

async function put(path, content) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/** A small picture with a line of text (our own drawing). */
async function picture(text, format = 'png', width = 360, height = 180) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}'><rect width='100%' height='100%' fill='#f4f6fb'/><rect x='8' y='8' width='${width - 16}' height='${height - 16}' fill='#fff' stroke='#345'/><text x='20' y='${height / 2}' font-size='20' font-family='DejaVu Sans'>${text}</text></svg>`;
  const image = sharp(Buffer.from(svg));
  return format === 'jpeg' ? image.jpeg({ quality: 80 }).toBuffer() : image.png({ compressionLevel: 9 }).toBuffer();
}

/** A one-page PDF with a line of text. */
async function pdf(text) {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2024-03-14T00:00:00Z'));
  doc.setModificationDate(new Date('2024-03-14T00:00:00Z'));
  const page = doc.addPage([420, 200]);
  page.drawText(text, { x: 30, y: 100, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A JPEG cut to its first third: its header reads, its picture does not. */
const truncated = (jpeg) => jpeg.subarray(0, Math.floor(jpeg.length / 3));

async function imessageFolders(files) {
  // imessage-exporter TXT: time line, sender, parts (an attachment is its export-relative path), blank line.
  const txt = [
    'Mar 14, 2024 10:22:05 AM',
    'Dana Client',
    'SENTINEL-IF1 Hi Sam, here is the screen that fails',
    'attachments/3/41.png',
    '',
    'Mar 14, 2024 10:25:00 AM (Read by them after 2 minutes)',
    'Me',
    'SENTINEL-IF2 Thanks, looking now',
    '',
    'Mar 14, 2024 11:00:00 AM',
    'Dana Client',
    'SENTINEL-IF3 and the invoice, and a photo that broke',
    'attachments/3/42.pdf',
    'attachments/3/43.jpeg',
    '',
    'Mar 14, 2024  2:00:00 PM',
    'Me',
    'SENTINEL-IF4 two files I did not copy',
    '/Users/sam/Library/Messages/Attachments/ab/11/A1B2/IMG_0099.HEIC',
    'attachments/../../private/secret.png',
    '',
    '',
  ].join('\n');
  const other = ['Mar 14, 2024 10:40:00 AM', '+44 7700 900123', 'SENTINEL-IG1 same client, from the phone number', '', ''].join('\n');
  const html = [
    '<html>\n<head>\n<meta charset="UTF-8">\n</head>\n<body>',
    message('received', 'Mar 14, 2024 10:22:05 AM', 'Dana Client', [
      '<span class="bubble">SENTINEL-IH1 Hi Sam, here is the screen that fails</span>',
      '<div class="attachment">\n<img src="attachments/3/41.png" loading="lazy">\n</div>',
    ]),
    message('sent', 'Mar 14, 2024 10:25:00 AM', 'Me', ['<span class="bubble">SENTINEL-IH2 Thanks, looking now</span>']),
    message('received', 'Mar 14, 2024 11:00:00 AM', 'Dana Client', [
      '<span class="bubble">SENTINEL-IH3 and the invoice, and a photo that broke</span>',
      '<div class="attachment">\n<a href="attachments/3/42.pdf">Click to download Invoice March.pdf (1.2 KB)</a>\n</div>',
      '<div class="attachment">\n<img src="attachments/3/43.jpeg" loading="lazy">\n</div>',
    ]),
    message('sent', 'Mar 14, 2024  2:00:00 PM', 'Me', [
      '<span class="bubble">SENTINEL-IH4 two files I did not copy</span>',
      '<div class="attachment">\n<img src="../private/secret.png" loading="lazy">\n</div>',
      '<span class="attachment_error">Unable to locate attachment: IMG_0099.HEIC</span>',
    ]),
    '</body></html>',
  ].join('\n');
  for (const [dir, name, body] of [
    [join(chats, 'imessage-export', 'txt'), 'Dana Client.txt', txt],
    [join(chats, 'imessage-export', 'html'), 'Dana Client.html', html],
    [join(casedir, 'imessage'), 'Dana Client.txt', txt],
  ]) {
    await put(join(dir, name), body);
    await put(join(dir, 'attachments', '3', '41.png'), files.imessagePhoto);
    await put(join(dir, 'attachments', '3', '42.pdf'), files.invoice);
    await put(join(dir, 'attachments', '3', '43.jpeg'), truncated(files.jpeg));
  }
  await imessageStickers(files);
  await put(join(chats, 'imessage-export', 'txt', '+44 7700 900123.txt'), other);
  // A WhatsApp chat dropped into the export's folder is not one of its conversations.
  await put(join(chats, 'imessage-export', 'txt', 'notes.txt'), '14/03/2024, 10:00 - Dana Client: not an iMessage line\n');
}

/**
 * Stickers in imessage-exporter's TXT (`format_sticker` in exporters/txt.rs): "[<effect> ]Sticker
 * from <who>: <path>" as a part of its sender's message, or under "Reactions:" when someone put
 * it on another's message; the Mac's path when it was not copied.
 */
async function imessageStickers(files) {
  const dir = join(chats, 'imessage-export', 'stickers');
  const txt = [
    'Mar 14, 2024  3:00:00 PM',
    'Dana Client',
    'SENTINEL-IS1 this is what I see now',
    'Outline Sticker from Dana Client: attachments/3/44.png',
    '',
    'Mar 14, 2024  3:05:00 PM',
    'Me',
    'Sticker from Me: /Users/sam/Library/Messages/StickerCache/0a1b/sticker.heic',
    '',
    'Mar 14, 2024  3:10:00 PM',
    'Me',
    'SENTINEL-IS3 fixed, please try again',
    'Reactions:',
    'Sticker from Dana Client: attachments/3/45.png',
    '',
    '',
  ].join('\n');
  await put(join(dir, 'Dana Client.txt'), txt);
  await put(join(dir, 'attachments', '3', '44.png'), files.sticker);
  await put(join(dir, 'attachments', '3', '45.png'), files.sticker);
}

function message(side, stamp, sender, parts) {
  const cls = side === 'sent' ? 'sent iMessage' : 'received';
  const body = parts.map((p) => `<hr><div class="message_part">\n${p}\n</div>`).join('\n');
  return `<div class="message">\n<div class="${cls}">\n<p><span class="timestamp">${stamp}</span>\n<span class="sender">${sender}</span></p>\n${body}\n</div>\n</div>`;
}

const files = {
  imessagePhoto: await picture('IMESSAGE-PHOTO screen'),
  sticker: await picture('IMESSAGE-STICKER', 'png', 240, 240),
  invoice: await pdf('INVOICE-PDF March 2024'),
  jpeg: await picture('BROKEN-PHOTO', 'jpeg'),
};
await rm(join(chats, 'imessage-export'), { recursive: true, force: true });
await rm(casedir, { recursive: true, force: true });
await imessageFolders(files);

/** signal-export's Message, as to_md() prints it into chat.md and dict_str() into data.json. */
function signalMessage(m) {
  const md = (() => {
    const date = m.date.slice(0, 19).replace('T', ' ');
    if (m.deleted) return `[${date}] ${m.sender}: (This message was deleted)\n`;
    let body = `${m.body}  `;
    if (m.reactions.length) body += `\n(- ${m.reactions.map(([n, e]) => `${n}: ${e}`).join(', ')} -)`;
    for (const a of m.attachments) body += `${/\.(png|jpe?g|gif)$/.test(a.path) ? '!' : ''}[${a.name}](./${a.path})  `;
    return `[${date}] ${m.sender}: ${m.quote}${body}\n`;
  })();
  const json = JSON.stringify({
    date: m.date,
    sender: m.sender,
    body: `${m.body}  `,
    quote: m.quote,
    sticker: null,
    reactions: m.reactions,
    attachments: m.attachments.map((a) => ({ missing_kind: null, ...a })),
    deleted: !!m.deleted,
    call: !!m.call,
    missed: false,
  });
  return { md: `${md}\n`, json: `${json}\n` };
}

async function signalFolders(files) {
  const photo = '2024-03-14T10-22-05.120_00_IMG_0042.png';
  const broken = '2024-03-14T10-22-05.120_01_IMG_0043.jpeg';
  const invoice = '2024-03-15T09-45-00.000_00_My_Invoice.pdf';
  const messages = [
    {
      date: '2024-03-14T10:22:05.120000',
      sender: 'Dana Client',
      body: 'SENTINEL-SJ1 Hi Sam, the screen that fails',
      quote: '',
      reactions: [],
      attachments: [
        { name: photo, path: `media/${photo}` },
        { name: broken, path: `media/${broken}` },
      ],
    },
    // Sent within the same second: only data.json's milliseconds keep them in order.
    {
      date: '2024-03-14T10:22:05.870000',
      sender: 'Dana Client',
      body: 'SENTINEL-SJ2 (sent right after)',
      quote: '',
      reactions: [['Me', '\u{1F44D}']],
      attachments: [],
    },
    {
      date: '2024-03-14T10:25:00',
      sender: 'Me',
      body: 'SENTINEL-SJ3 Thanks, looking now',
      quote: '\n\n> SENTINEL-SJ1 Hi Sam, the screen that fails\n\n',
      reactions: [],
      attachments: [],
    },
    { date: '2024-03-14T10:30:00', sender: 'Me', body: '', quote: '', reactions: [], attachments: [], deleted: true },
    {
      date: '2024-03-15T09:45:00',
      sender: 'Dana Client',
      body: 'SENTINEL-SJ4 the invoice, and one outside',
      quote: '',
      reactions: [],
      attachments: [
        { name: invoice, path: `media/${invoice}` },
        { name: 'x.png', path: 'media/../../x.png' },
      ],
    },
  ].map(signalMessage);
  const md = messages.map((m) => m.md).join('');
  const json = messages.map((m) => m.json).join('');
  for (const dir of [join(chats, 'signal-json', 'Dana Client'), join(casedir, 'signal', 'Dana Client')]) {
    await put(join(dir, 'chat.md'), md);
    await put(join(dir, 'data.json'), json);
    await put(join(dir, 'media', photo), files.signalPhoto);
    await put(join(dir, 'media', broken), truncated(files.jpeg));
    await put(join(dir, 'media', invoice), files.invoice);
  }
  // A line cut in the middle (the export stopped while writing it), and a data.json of no message at all.
  const cut = join(chats, 'signal-json', 'cut', 'Dana Client');
  await put(join(cut, 'chat.md'), md);
  await put(join(cut, 'data.json'), json.slice(0, json.lastIndexOf('SENTINEL-SJ4')));
  await put(join(cut, 'media', photo), files.signalPhoto);
  const none = join(chats, 'signal-json', 'not-messages', 'Dana Client');
  await put(join(none, 'chat.md'), md);
  await put(join(none, 'data.json'), '{"packId": "abc", "stickers": []}\n');
  await put(join(none, 'media', photo), files.signalPhoto);
}

files.signalPhoto = await picture('SIGNAL-PHOTO screen');
await rm(join(chats, 'signal-json'), { recursive: true, force: true });
await signalFolders(files);

files.discordPhoto = await picture('DISCORD-PHOTO preview');
files.avatar = await picture('A', 'png', 64, 64);
await rm(join(chats, 'discord-media'), { recursive: true, force: true });
await discordExports(files, { put, truncated, chats, casedir });

/** The e2e case: one export folder of each tool. */
await put(
  join(casedir, 'case.yaml'),
  `case: dp_folders
profile: stripe
reason: product_unacceptable
amount: 499
currency: USD
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
  aliases: [dana_c]
merchant: { name: Sam Seller, email: sam@seller.example }
`,
);
