// Writes the Outlook (.msg, winmail.dat) and Apple Mail (.emlx) fixtures from each format's
// documented shape: .msg as an OLE compound file of MAPI property streams ([MS-OXMSG]),
// compressed RTF as [MS-OXRTFCP] describes it, TNEF as [MS-OXTNEF], .emlx as Mail stores it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const CFB = require('cfb');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const CASE = join(root, 'cases', 'outlook-mail');
const DAMAGED = join(root, 'chats', 'email', 'damaged');

const put = async (path, bytes) => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
};
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u16 = (n) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const fileTime = (iso) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE((BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n);
  return b;
};

/** A small real PNG (stripes and a block), deterministic. */
function png(width, height, seed) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = [0];
    for (let x = 0; x < width; x++) {
      const on = (x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4) || (y + seed) % 16 < 2;
      row.push(on ? 20 : 240, on ? 60 + seed : 240, on ? 120 : 240);
    }
    rows.push(Buffer.from(row));
  }
  const chunk = (type, data) => Buffer.concat([u32be(data.length), Buffer.from(type), data, u32be(crc32(Buffer.concat([Buffer.from(type), data])))]);
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function u32be(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Compressed RTF ([MS-OXRTFCP]): literal runs, then the end reference at the write position. */
function compressRtf(rtf) {
  const input = Buffer.from(rtf, 'latin1');
  const out = [];
  let pos = 207; // the writer starts after the initial dictionary
  for (let i = 0; i < input.length; i += 8) {
    const run = input.subarray(i, i + 8);
    const isLast = i + 8 >= input.length;
    const control = isLast && run.length < 8 ? 1 << run.length : 0;
    out.push(control, ...run);
    pos = (pos + run.length) % 4096;
    if (isLast && run.length < 8) out.push((pos >> 4) & 0xff, (pos & 0x0f) << 4);
  }
  if (input.length % 8 === 0) out.push(1, (pos >> 4) & 0xff, (pos & 0x0f) << 4);
  const body = Buffer.from(out);
  return Buffer.concat([u32(body.length + 12), u32(input.length), Buffer.from('LZFu', 'latin1'), u32(rtfCrc(body)), body]);
}
function rtfCrc(bytes) {
  let crc = 0;
  for (const b of bytes) {
    let c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (c ^ (crc >>> 8)) >>> 0;
  }
  return crc;
}

// ---- .msg ([MS-OXMSG]) ----
const PT = { LONG: 0x0003, BOOL: 0x000b, OBJECT: 0x000d, STRING8: 0x001e, UNICODE: 0x001f, SYSTIME: 0x0040, BINARY: 0x0102 };
const iconv = require('iconv-lite');
const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, '0');

/** Writes one property set: __properties_version1.0 (header + 16-byte entries) and a stream per variable value. */
let ansi = 'windows-1252';
function addProps(cfb, dir, props, header) {
  const entries = [header];
  for (const [id, type, value] of props) {
    const tag = u32(((id << 16) | type) >>> 0);
    let inline = Buffer.alloc(8);
    if (type === PT.LONG || type === PT.BOOL) inline = Buffer.concat([u32(value), u32(0)]);
    else if (type === PT.SYSTIME) inline = fileTime(value);
    else if (type === PT.OBJECT) inline = Buffer.concat([u32(0xffffffff), u32(0)]);
    else {
      // 8-bit strings (an "Outlook Message Format" save, not Unicode) are in the message's code page, NUL-terminated.
      const data =
        type === PT.UNICODE ? Buffer.from(value, 'utf16le') : type === PT.STRING8 ? Buffer.concat([iconv.encode(value, ansi), Buffer.alloc(1)]) : value;
      CFB.utils.cfb_add(cfb, `${dir}/__substg1.0_${hex4(id)}${hex4(type)}`, data);
      inline = Buffer.concat([u32(data.length + (type === PT.UNICODE ? 2 : 0)), u32(0)]);
    }
    entries.push(tag, u32(6), inline);
  }
  CFB.utils.cfb_add(cfb, `${dir}/__properties_version1.0`, Buffer.concat(entries));
}

function addMessage(cfb, dir, m, embedded) {
  const recips = m.recipients ?? [];
  const attachments = m.attachments ?? [];
  const counts = Buffer.concat([u32(recips.length), u32(attachments.length), u32(recips.length), u32(attachments.length)]);
  addProps(cfb, dir, messageProps(m), Buffer.concat([Buffer.alloc(8), counts, embedded ? Buffer.alloc(0) : Buffer.alloc(8)]));
  recips.forEach((r, i) =>
    addProps(
      cfb,
      `${dir}/__recip_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`,
      [
        [0x3001, PT.UNICODE, r.name],
        // An Exchange recipient: its X.500 address in PidTagEmailAddress, SMTP only in PidTagSmtpAddress.
        [0x3002, PT.UNICODE, m.exchange ? 'EX' : 'SMTP'],
        [0x3003, PT.UNICODE, m.exchange ? x500(r.name) : r.address],
        [0x39fe, PT.UNICODE, r.address],
        [0x0c15, PT.LONG, r.type === 'cc' ? 2 : 1],
      ],
      Buffer.alloc(8),
    ),
  );
  attachments.forEach((a, i) => {
    const at = `${dir}/__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`;
    if (a.reference) {
      // Attached by reference (PidTagAttachMethod 2, afByReference): a path to a file on a
      // share, and no data stream at all.
      addProps(
        cfb,
        at,
        [
          [0x3705, PT.LONG, 2],
          [0x3707, PT.UNICODE, a.name],
          [0x3001, PT.UNICODE, a.name],
          [0x3708, PT.UNICODE, a.reference],
          [0x370d, PT.UNICODE, a.reference],
        ],
        Buffer.alloc(8),
      );
      return;
    }
    if (a.message) {
      addProps(
        cfb,
        at,
        [
          [0x3705, PT.LONG, 5],
          [0x3001, PT.UNICODE, a.message.subject],
          [0x3701, PT.OBJECT, null],
        ],
        Buffer.alloc(8),
      );
      addMessage(cfb, `${at}/__substg1.0_3701000D`, a.message, true);
      return;
    }
    addProps(
      cfb,
      at,
      [
        [0x3705, PT.LONG, 1],
        [0x3707, PT.UNICODE, a.name],
        [0x3704, PT.UNICODE, a.name.slice(0, 8)],
        [0x3703, PT.UNICODE, a.name.replace(/^.*(\.[^.]+)$/, '$1')],
        [0x3001, PT.UNICODE, a.name],
        [0x370e, PT.UNICODE, a.mime],
        [0x3701, PT.BINARY, a.bytes],
      ],
      Buffer.alloc(8),
    );
  });
}

/** An Exchange (X.500) address, as a mailbox in an Exchange organisation has one. */
const x500 = (name) => `/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=${name.replace(/\W/g, '').toLowerCase()}`;

function messageProps(m) {
  // A message sent from an Exchange mailbox (as saved from Sent Items): the sender's X.500
  // address where an SMTP one would be, the SMTP one only in PidTagSenderSmtpAddress.
  const own = m.exchange ? x500(m.from.name) : m.from.address;
  const props = [
    [0x001a, PT.UNICODE, m.messageClass ?? 'IPM.Note'],
    [0x0037, PT.UNICODE, m.subject],
    [0x0c1a, PT.UNICODE, m.from.name],
    [0x0c1e, PT.UNICODE, m.exchange ? 'EX' : 'SMTP'],
    [0x0c1f, PT.UNICODE, own],
    [0x5d01, PT.UNICODE, m.from.address],
    [0x0042, PT.UNICODE, m.from.name],
    [0x0064, PT.UNICODE, m.exchange ? 'EX' : 'SMTP'],
    [0x0065, PT.UNICODE, own],
    [0x0e04, PT.UNICODE, (m.recipients ?? []).map((r) => r.name).join('; ')],
  ];
  // A draft never sent has no submit or delivery time.
  // Sent Items keep the submit time and, a little later, the time the copy was filed.
  if (m.submit) props.push([0x0039, PT.SYSTIME, m.submit], [0x0e06, PT.SYSTIME, m.delivered ?? m.submit], [0x3007, PT.SYSTIME, m.delivered ?? m.submit]);
  if (m.headers) props.push([0x007d, PT.UNICODE, m.headers]);
  if (m.messageId) props.push([0x1035, PT.UNICODE, m.messageId]);
  if (m.body) props.push([0x1000, PT.UNICODE, m.body]);
  if (m.html) props.push([0x1013, PT.BINARY, Buffer.from(m.html, 'utf8')], [0x3fde, PT.LONG, 65001]);
  if (m.rtf) props.push([0x1009, PT.BINARY, compressRtf(m.rtf)], [0x0e1f, PT.BOOL, 1]);
  if (!m.ansi) return props;
  // The ANSI form: every text property as PT_STRING8, with PidTagMessageCodepage naming its code page.
  // Older Outlook names the code page only as PidTagInternetCodepage.
  const codePage = [m.ansiTag ?? 0x3ffd, PT.LONG, Number(m.ansi.replace(/\D/g, ''))];
  return [...props.map(([id, type, value]) => [id, type === PT.UNICODE ? PT.STRING8 : type, value]), codePage];
}

function msgFile(m) {
  const cfb = CFB.utils.cfb_new();
  ansi = m.ansi ?? 'windows-1252';
  for (const s of ['00020102', '00030102', '00040102']) CFB.utils.cfb_add(cfb, `/__nameid_version1.0/__substg1.0_${s}`, Buffer.alloc(0));
  addMessage(cfb, '', m, false);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }));
}

const DANA = { name: 'Dana Client', address: 'dana@example.com' };
const SAM = { name: 'Sam Seller', address: 'sam@seller.example' };
const toSam = [{ ...SAM, type: 'to' }];
const toDana = [{ ...DANA, type: 'to' }];

// ---- TNEF ([MS-OXTNEF]) ----
function attribute(level, id, data) {
  let sum = 0;
  for (const b of data) sum = (sum + b) & 0xffff;
  return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, u16(sum)]);
}
const pad4 = (b) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
/** A MAPI property list: strings and binaries counted (1) and padded; times as FILETIME. */
function propList(props) {
  const parts = [u32(props.length)];
  for (const [id, type, value] of props) {
    parts.push(u16(type), u16(id));
    if (type === PT.LONG) parts.push(u32(value));
    else if (type === PT.SYSTIME) parts.push(fileTime(value));
    else {
      const data = type === PT.UNICODE ? Buffer.from(`${value}\0`, 'utf16le') : value;
      parts.push(u32(1), u32(data.length), pad4(data)); // strings, binaries and objects alike
    }
  }
  return Buffer.concat(parts);
}
const dtr = (iso) => {
  const d = new Date(iso);
  return Buffer.concat(
    [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCDay()].map(u16),
  );
};

function tnefFile(m) {
  const parts = [u32(0x223e9f78), u16(0x0001)];
  parts.push(attribute(1, 0x00089006, u32(0x00010000)), attribute(1, 0x00069007, Buffer.concat([u32(1252), u32(0)])));
  parts.push(attribute(1, 0x00078008, Buffer.from('IPM.Microsoft Mail.Note\0', 'latin1')));
  parts.push(attribute(1, 0x00018004, Buffer.from(`${m.subject}\0`, 'latin1')), attribute(1, 0x00038005, dtr(m.submit)));
  parts.push(
    attribute(
      1,
      0x00069003,
      propList([
        [0x0037, PT.UNICODE, m.subject],
        [0x0c1a, PT.UNICODE, m.from.name],
        [0x0c1f, PT.UNICODE, m.from.address],
        [0x5d01, PT.UNICODE, m.from.address],
        ...(m.dateSentOnly ? [] : [[0x0039, PT.SYSTIME, m.submit]]),
        [0x0e04, PT.UNICODE, m.to],
        [0x1009, PT.BINARY, compressRtf(m.rtf)],
      ]),
    ),
  );
  for (const a of m.attachments) {
    if (a.message) {
      // An attached message: PidTagAttachDataObject holds IID_IMessage, then a TNEF stream of its own.
      const object = Buffer.concat([Buffer.from('0703020000000000c000000000000046', 'hex'), tnefFile(a.message)]);
      parts.push(attribute(2, 0x00069002, Buffer.concat([u16(1), u32(0xffffffff), u16(0), u16(0), u32(0)])));
      parts.push(attribute(2, 0x00018010, Buffer.from(`${a.message.subject}\0`, 'latin1')));
      parts.push(
        attribute(
          2,
          0x00069005,
          propList([
            [0x3705, PT.LONG, 5],
            [0x3001, PT.UNICODE, a.message.subject],
            [0x3701, PT.OBJECT, object],
          ]),
        ),
      );
      continue;
    }
    parts.push(attribute(2, 0x00069002, Buffer.concat([u16(1), u32(0xffffffff), u16(0), u16(0), u32(0)])));
    parts.push(attribute(2, 0x00018010, Buffer.from(`${a.short}\0`, 'latin1')), attribute(2, 0x0006800f, a.bytes));
    parts.push(
      attribute(
        2,
        0x00069005,
        propList([
          [0x3705, PT.LONG, 1],
          [0x3707, PT.UNICODE, a.name],
          [0x370e, PT.UNICODE, a.mime],
        ]),
      ),
    );
  }
  return Buffer.concat(parts);
}

// ---- .emlx (Apple Mail) ----
function emlx(message, receivedIso, flags) {
  const bytes = Buffer.from(message.replace(/\r?\n/g, '\n'), 'utf8');
  const plist = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>date-received</key>\n\t<integer>${Date.parse(receivedIso) / 1000}</integer>\n\t<key>flags</key>\n\t<integer>${flags}</integer>\n</dict>\n</plist>\n`;
  return Buffer.concat([Buffer.from(`${bytes.length}        \n`), bytes, Buffer.from(plist)]);
}
const crlf = (s) => s.replace(/\r?\n/g, '\r\n');
const b64 = (b) => b.toString('base64').replace(/.{76}/g, '$&\r\n');

const invoice = await readFile(join(root, 'cases', 'documents', 'invoice-INV-0042.pdf'));
const installed = png(96, 64, 3);
const delivered = png(120, 80, 7);
const receipt = png(80, 100, 11);

const request = {
  subject: 'Files for the theme',
  from: DANA,
  recipients: toSam,
  submit: '2024-03-12T09:00:00Z',
  body: 'SENTINEL-M1 Please send the logo files.',
};
const approval = msgFile({
  subject: 'Re: Theme delivered',
  from: DANA,
  recipients: toSam,
  submit: '2024-03-13T10:22:00Z',
  messageId: '<approval-1@example.com>',
  headers: crlf(
    'Received: from mx.example.com by mx.seller.example; Wed, 13 Mar 2024 10:22:05 +0000\nFrom: Dana Client <dana@example.com>\nTo: Sam Seller <sam@seller.example>\nSubject: Re: Theme delivered\nDate: Wed, 13 Mar 2024 11:22:00 +0100\nMessage-ID: <approval-1@example.com>\nMIME-Version: 1.0\n\n',
  ),
  body: 'SENTINEL-M2 The theme works, approved. Card 4111 1111 1111 1111 was charged.',
  attachments: [{ name: 'installed.png', mime: 'image/png', bytes: installed }],
});
const forwarded = msgFile({
  subject: 'Fw: Files for the theme',
  from: SAM,
  recipients: toDana,
  submit: '2024-03-13T12:00:00Z',
  html: '<html><body><p>SENTINEL-M3 Forwarding your request, files follow.</p></body></html>',
  attachments: [{ message: request }],
});
const rtfOnly = msgFile({
  subject: 'Invoice INV-0042',
  from: SAM,
  recipients: toDana,
  submit: '2024-03-13T14:00:00Z',
  rtf: String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}{\*\htmltag19 <html>}{\*\htmltag34 <body>}{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 SENTINEL-M4 Invoice sent, caf\'e9 \u8364?49.\htmlrtf }\htmlrtf0{\*\htmltag72 </p>}{\*\htmltag42 </body>}{\*\htmltag27 </html>}}`,
});
const rtfPlain = msgFile({
  subject: 'Thanks',
  from: DANA,
  recipients: toSam,
  submit: '2024-03-13T15:00:00Z',
  rtf: String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}\pard\f0\fs20 SENTINEL-M5 Thanks, received.\par Second line\par}`,
});
await put(join(CASE, 'approval.msg'), approval);
await put(join(CASE, 'forwarded.msg'), forwarded);
await put(join(CASE, 'invoice-rtf.msg'), rtfOnly);
await put(join(CASE, 'thanks-rtf.msg'), rtfPlain);
await put(join(DAMAGED, 'cut.msg'), approval.subarray(0, Math.floor(approval.length / 2)));

const winmail = tnefFile({
  subject: 'Your invoice',
  from: SAM,
  to: 'Dana Client',
  submit: '2024-03-14T09:00:00Z',
  rtf: String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\pard SENTINEL-T1 Your invoice is attached.\par}`,
  attachments: [{ name: 'invoice-INV-0042.pdf', short: 'INVOIC~1.PDF', mime: 'application/pdf', bytes: invoice }],
});
await put(join(CASE, 'winmail.dat'), winmail);
await put(join(DAMAGED, 'cut-winmail.dat'), winmail.subarray(0, winmail.length - 600));
const inner = tnefFile({
  subject: 'Delivered',
  from: SAM,
  to: 'Dana Client',
  submit: '2024-03-14T14:00:00Z',
  rtf: String.raw`{\rtf1\ansi\ansicpg1252\fromtext \deff0{\fonttbl{\f0 Courier;}}\pard SENTINEL-T2 Delivered, photo attached.\par}`,
  attachments: [{ name: 'delivered.png', short: 'DELIVE~1.PNG', mime: 'image/png', bytes: delivered }],
});
const tnefEml = (tnef) =>
  crlf(
    `From: Sam Seller <sam@seller.example>\nTo: Dana Client <dana@example.com>\nSubject: Delivered\nDate: Thu, 14 Mar 2024 10:00:00 -0400\nMessage-ID: <delivered-1@seller.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="tnef-boundary"\n\n--tnef-boundary\nContent-Type: text/plain; charset=us-ascii\n\n\n--tnef-boundary\nContent-Type: application/ms-tnef; name="winmail.dat"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="winmail.dat"\n\n${b64(tnef)}\n--tnef-boundary--\n`,
  );
await put(join(CASE, 'delivered.eml'), tnefEml(inner));
await put(join(DAMAGED, 'cut-tnef.eml'), tnefEml(inner.subarray(0, inner.length - 300)));

const thanks = `From: Dana Client <dana@example.com>\nTo: Sam Seller <sam@seller.example>\nSubject: All good\nDate: Fri, 15 Mar 2024 09:30:00 +0000\nMessage-ID: <allgood-1@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nSENTINEL-E1 All good, thank you.\n`;
await put(join(CASE, '1201.emlx'), emlx(thanks, '2024-03-15T09:30:02Z', 0x8001));
const partial = `From: Sam Seller <sam@seller.example>\nTo: Dana Client <dana@example.com>\nSubject: Your receipt\nDate: Fri, 15 Mar 2024 11:00:00 +0000\nMessage-ID: <receipt-1@seller.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="apple-boundary"\n\n--apple-boundary\nContent-Type: text/plain; charset=utf-8\n\nSENTINEL-E2 Receipt attached.\n\n--apple-boundary\nContent-Type: image/png; name="receipt.png"\nContent-Disposition: attachment; filename="receipt.png"\nContent-Transfer-Encoding: base64\nX-Apple-Content-Length: ${receipt.length}\n\n\n--apple-boundary--\n`;
// Mail spreads one mailbox over Data/<digits>/ folders, each with Messages/ and, for messages
// whose attachments it stored apart, Attachments/<message number>/<MIME part>/<file name>.
const mailbox = join(CASE, 'Mail', 'INBOX.mbox', '8C1B1A52-4A1B-4C3D-9E2F-0A1B2C3D4E5F', 'Data');
await put(join(mailbox, '2', '1', 'Messages', '1202.partial.emlx'), emlx(partial, '2024-03-15T11:00:03Z', 0x0401));
await put(join(mailbox, '2', '1', 'Attachments', '1202', '2', 'receipt.png'), receipt);
const later = `From: Dana Client <dana@example.com>\nTo: Sam Seller <sam@seller.example>\nSubject: Re: Your receipt\nDate: Fri, 15 Mar 2024 13:00:00 +0100\nMessage-ID: <receipt-2@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nSENTINEL-E4 Received, thanks.\n`;
await put(join(mailbox, '3', '2', 'Messages', '2203.emlx'), emlx(later, '2024-03-15T12:00:04Z', 0x0001));
await put(join(DAMAGED, '1202.partial.emlx'), emlx(partial, '2024-03-15T11:00:03Z', 0x0401));
await put(join(DAMAGED, 'cut.emlx'), emlx(thanks, '2024-03-15T09:30:02Z', 0x8001).subarray(0, 200));
await put(
  join(CASE, 'case.yaml'),
  `# Outlook .msg (attachment, attached message, RTF-only bodies), a winmail.dat alone and inside an
# .eml, Apple Mail .emlx and a mailbox folder whose .partial.emlx has its attachment stored apart.
case: dp_outlook_1
profile: generic
reason: product_not_received
amount: 49.00
currency: EUR
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
merchant: { name: Sam Seller, email: sam@seller.example }
`,
);

// Less common shapes, read by the unit tests.
const TNEF = join(root, 'chats', 'email', 'tnef');
await put(
  join(TNEF, 'date-sent-only.dat'),
  tnefFile({
    subject: 'Summer order',
    from: DANA,
    to: 'Sam Seller',
    submit: '2024-06-14T10:00:00Z',
    dateSentOnly: true,
    rtf: String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\pard SENTINEL-T3 Wall time only.\par}`,
    attachments: [],
  }),
);
const forwardedInside = {
  subject: 'Photo of the parcel',
  from: DANA,
  to: 'Sam Seller',
  submit: '2024-03-10T08:00:00Z',
  rtf: String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\pard SENTINEL-T4 Here is the parcel.\par}`,
  attachments: [{ name: 'parcel.png', short: 'PARCEL.PNG', mime: 'image/png', bytes: png(100, 70, 5) }],
};
await put(
  join(TNEF, 'with-message.dat'),
  tnefFile({
    subject: 'Fw: Photo of the parcel',
    from: SAM,
    to: 'Dana Client',
    submit: '2024-03-11T08:00:00Z',
    rtf: String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\pard SENTINEL-T5 Forwarding the photo.\par}`,
    attachments: [{ message: forwardedInside }],
  }),
);
await put(
  join(root, 'chats', 'email', 'outlook', 'draft.msg'),
  msgFile({ subject: 'Draft reply', from: SAM, recipients: toDana, body: 'SENTINEL-D1 never sent' }),
);
await put(
  join(root, 'chats', 'email', 'outlook', 'exchange-sent.msg'),
  msgFile({
    exchange: true,
    subject: 'Re: Where is my order?',
    from: SAM,
    recipients: toDana,
    submit: '2024-03-17T09:15:00Z',
    delivered: '2024-03-17T09:15:04Z',
    body: 'SENTINEL-X1 Your order left on Friday; the tracking link is attached.',
    attachments: [{ name: 'tracking.pdf', reference: '\\\\files.seller.example\\shipping\\2024\\tracking.pdf' }],
  }),
);
await put(
  join(root, 'chats', 'email', 'outlook', 'meeting-request.msg'),
  msgFile({
    messageClass: 'IPM.Schedule.Meeting.Request',
    subject: 'Call about the refund',
    from: SAM,
    recipients: toDana,
    submit: '2024-03-18T10:00:00Z',
    body: 'SENTINEL-X2 When: 19 March 2024 15:00-15:30 (UTC+00:00). Let us talk about the refund.',
  }),
);
await put(
  join(root, 'chats', 'email', 'outlook', 'ansi-internet-1251.msg'),
  msgFile({
    ansi: 'windows-1251',
    ansiTag: 0x3fde,
    subject: 'Доставка получена',
    from: { name: 'Дана Клиент', address: 'dana@example.com' },
    recipients: toSam,
    submit: '2024-03-16T09:00:00Z',
    body: 'SENTINEL-A2 Посылка пришла, всё в порядке.',
  }),
);
await put(
  join(root, 'chats', 'email', 'outlook', 'ansi-1251.msg'),
  msgFile({
    ansi: 'windows-1251',
    subject: 'Счёт оплачен',
    from: { name: 'Дана Клиент', address: 'dana@example.com' },
    recipients: toSam,
    submit: '2024-03-16T08:00:00Z',
    body: 'SENTINEL-A1 Спасибо, счёт оплачен: 49 €.',
  }),
);
