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
  await put(join(chats, 'imessage-export', 'txt', '+44 7700 900123.txt'), other);
  // A WhatsApp chat dropped into the export's folder is not one of its conversations.
  await put(join(chats, 'imessage-export', 'txt', 'notes.txt'), '14/03/2024, 10:00 - Dana Client: not an iMessage line\n');
}

function message(side, stamp, sender, parts) {
  const cls = side === 'sent' ? 'sent iMessage' : 'received';
  const body = parts.map((p) => `<hr><div class="message_part">\n${p}\n</div>`).join('\n');
  return `<div class="message">\n<div class="${cls}">\n<p><span class="timestamp">${stamp}</span>\n<span class="sender">${sender}</span></p>\n${body}\n</div>\n</div>`;
}

const files = {
  imessagePhoto: await picture('IMESSAGE-PHOTO screen'),
  invoice: await pdf('INVOICE-PDF March 2024'),
  jpeg: await picture('BROKEN-PHOTO', 'jpeg'),
};
await rm(join(chats, 'imessage-export'), { recursive: true, force: true });
await rm(casedir, { recursive: true, force: true });
await imessageFolders(files);
