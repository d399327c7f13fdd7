#!/usr/bin/env node
// Writes our own phone-chat exports, each in the shape its exporting tool writes (read from
// the tool's source or documentation; see docs/formats-phone.md): SMS Backup & Restore XML,
// LINE .txt, Google Chat Takeout, imessage-exporter TXT/HTML and signal-export Markdown/HTML,
// plus a damaged sample of each, and the e2e case that holds one of each. The outputs are
// committed; run this only to change them: `npm run fixtures`.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { mmsRecord } from './lib/mms-xml.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const chats = join(root, 'chats');
const casedir = join(root, 'cases', 'phone-chats');

async function put(path, content) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/** A small PNG with a line of text (our own drawing). */
async function png(text, width = 320, height = 160) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}'><rect width='100%' height='100%' fill='#f4f6fb'/><rect x='8' y='8' width='${width - 16}' height='${height - 16}' fill='#fff' stroke='#345'/><text x='20' y='${height / 2}' font-size='20' font-family='DejaVu Sans'>${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

const xmlAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
const ms = (iso) => Date.parse(iso);
/** SMS Backup & Restore's readable_date, in the phone's locale and zone (London here). */
const readable = (iso) =>
  new Date(iso)
    .toLocaleString('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    .replace(',', '');

function sms({ at, type, address, name, body }) {
  const attrs = {
    protocol: 0,
    address,
    date: ms(at),
    type,
    subject: 'null',
    body,
    toa: 'null',
    sc_toa: 'null',
    service_center: type === 1 ? '+447785016005' : 'null',
    read: 1,
    status: -1,
    locked: 0,
    date_sent: type === 1 ? ms(at) - 2000 : 0,
    sub_id: 1,
    readable_date: readable(at),
    contact_name: name,
  };
  return `  <sms ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${xmlAttr(v)}"`)
    .join(' ')} />`;
}

function mms({ at, box, address, name, from, to, parts }) {
  const head = {
    date: ms(at),
    rr: 'null',
    sub: 'null',
    ct_t: 'application/vnd.wap.multipart.related',
    read_status: 'null',
    seen: 1,
    msg_box: box,
    address,
    sub_cs: 'null',
    resp_st: 'null',
    retr_st: 'null',
    d_tm: 'null',
    text_only: parts.some((p) => p.data) ? 0 : 1,
    exp: 'null',
    locked: 0,
    m_id: `mms-${ms(at)}`,
    st: 'null',
    retr_txt_cs: 'null',
    retr_txt: 'null',
    creator: 'com.google.android.apps.messaging',
    date_sent: 0,
    read: 1,
    m_size: 'null',
    rpt_a: 'null',
    ct_cls: 'null',
    pri: 129,
    sub_id: 1,
    tr_id: 'null',
    resp_txt: 'null',
    ct_l: 'null',
    m_cls: 'personal',
    d_rpt: 129,
    v: 18,
    _id: 1,
    m_type: box === 1 ? 132 : 128,
    readable_date: readable(at),
    contact_name: name,
  };
  return mmsRecord({ head, parts, from, to }, { escapeAttr: xmlAttr, full: true });
}

async function smsBackup() {
  const dana = { address: '+447700900123', name: 'Dana Client' };
  const photo = (await png('SMS-PHOTO live site')).toString('base64');
  const records = [
    sms({ at: '2024-03-14T10:22:05Z', type: 1, ...dana, body: 'SENTINEL-S1 Hi Sam, the theme files arrived & they work.\nThanks!' }),
    sms({ at: '2024-03-14T10:25:00Z', type: 2, ...dana, body: 'SENTINEL-S2 Glad they work, Dana.' }),
    mms({
      at: '2024-03-14T10:40:00Z',
      box: 1,
      ...dana,
      from: [dana.address],
      to: ['insert-address-token'],
      parts: [
        { ct: 'image/png', cl: 'IMG_20240314_104000.png', name: 'IMG_20240314_104000.png', data: photo },
        { ct: 'text/plain', cl: 'text_0.txt', text: 'SENTINEL-S3 Here it is live on my site' },
      ],
    }),
    sms({ at: '2024-03-14T11:00:00Z', type: 1, address: '+15550001111', name: '(Unknown)', body: 'Your verification code is 123456' }),
    sms({ at: '2024-03-15T09:00:00Z', type: 1, ...dana, body: 'SENTINEL-S4 I paid with 4242 4242 4242 4242, all good' }),
    sms({ at: '2024-03-15T09:05:00Z', type: 5, ...dana, body: 'SENTINEL-S5 Thanks for confirming' }),
    mms({
      at: '2024-03-15T10:00:00Z',
      box: 1,
      address: '+447700900123~+15550002222',
      name: 'Dana Client, Lee',
      from: ['+447700900123'],
      to: ['+15550002222', 'insert-address-token'],
      parts: [{ ct: 'text/plain', cl: 'text_0.txt', text: 'SENTINEL-S6 Adding Lee to this thread' }],
    }),
  ];
  const head = [
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>`,
    `<!--File Created By SMS Backup & Restore v10.20.002 on 16/03/2024 09:30:12-->`,
    `<?xml-stylesheet type="text/xsl" href="sms.xsl"?>`,
  ];
  const full = [
    ...head,
    `<smses count="${records.length}" backup_set="5d1f3c1e-1b7e-4f55-9d0c-3f2b9a7c1e11" backup_date="${ms('2024-03-16T09:30:12Z')}" type="full">`,
    ...records,
    '</smses>',
    '',
  ].join('\n');
  await put(join(chats, 'sms', 'sms-backup.xml'), full);
  await put(join(casedir, 'sms-20240316093012.xml'), full);
  // Cut short in the middle of its fourth message, as a copy that stopped part-way leaves it.
  const cut = full.indexOf('Your verification');
  await put(join(chats, 'sms', 'sms-backup-cut.xml'), full.slice(0, cut));
  // The same app's call log: XML, but no messages in it.
  await put(
    join(chats, 'sms', 'calls-20240316093012.xml'),
    [
      head[0],
      `<calls count="1" backup_set="x" backup_date="${ms('2024-03-16T09:30:12Z')}" type="full">`,
      `  <call number="+447700900123" duration="42" date="${ms('2024-03-14T10:00:00Z')}" type="1" presentation="1" subscription_id="1" post_dial_digits="" subscription_component_name="" readable_date="14 Mar 2024 10:00:00" contact_name="Dana Client" />`,
      '</calls>',
      '',
    ].join('\n'),
  );
}

async function lineExports() {
  const t = (lines) => lines.join('\n') + '\n';
  const enIos = t([
    '[LINE] Chat history with Dana Client',
    'Saved on: 2024/03/16, 09:30',
    '',
    '2024/03/14(Thu)',
    '10:22\tDana Client\tSENTINEL-L1 Hi Sam, the files arrived.',
    '10:25\tSam Seller\t"SENTINEL-L2 Great! Two notes:',
    '1. the ""pro"" licence is yours',
    '2. updates are free"',
    '10:26\tDana Client\t[Photo]',
    '10:30\t\tSam Seller unsent a message.',
    '',
    '2024/03/15(Fri)',
    '09:00\tDana Client\tSENTINEL-L3 My card 4242 4242 4242 4242 was charged, thanks',
    '18:45\tSam Seller\tSENTINEL-L4 You are welcome',
  ]);
  await put(join(chats, 'line', 'line-en-ios.txt'), enIos);
  await put(join(casedir, '[LINE] Chat with Dana Client.txt'), enIos);
  await put(
    join(chats, 'line', 'line-ja.txt'),
    t([
      '[LINE] Dana Clientとのトーク履歴',
      '保存日時：2024/03/16 09:30',
      '',
      '2024/03/14(木)',
      '午前10:22\tDana Client\tSENTINEL-J1 ファイルが届きました',
      '午後1:05\tSam Seller\tSENTINEL-J2 ありがとうございます',
      '',
      '2024/03/15(金)',
      '午前12:10\tDana Client\tSENTINEL-J3 確認しました',
    ]),
  );
  await put(
    join(chats, 'line', 'line-th.txt'),
    t([
      '[LINE] ประวัติการสนทนากับ Dana Client',
      'บันทึกวันที่: 2024/03/16 09:30',
      '',
      '2024/03/14(พฤ.)',
      '10:22\tDana Client\tSENTINEL-T1 ได้รับไฟล์แล้วค่ะ',
      '10:25\tSam Seller\tSENTINEL-T2 ขอบคุณครับ',
      '',
      '2024/03/15(ศ.)',
      '09:00\tDana Client\tSENTINEL-T3 ใช้งานได้ดีค่ะ',
    ]),
  );
  await put(
    join(chats, 'line', 'line-android-en.txt'),
    t([
      '[LINE] Chat history with Dana Client',
      'Saved on: 03/16/2024, 09:30',
      '',
      'Thu, 03/14/2024',
      '10:22AM\tDana Client\tSENTINEL-A1 Files arrived',
      '12:05PM\tSam Seller\tSENTINEL-A2 Thanks',
      '',
      'Fri, 03/15/2024',
      '12:30AM\tDana Client\tSENTINEL-A3 Works fine',
    ]),
  );
  await put(
    join(chats, 'line', 'line-pc.txt'),
    t([
      '2024.03.14 Thursday',
      '10:22\tDana Client\tSENTINEL-P1 Files arrived',
      '10:25\tSam Seller\tSENTINEL-P2 Thanks',
      '2024.03.15 Friday',
      '09:00\tDana Client\tSENTINEL-P3 Works fine',
    ]),
  );
  // The head of the file lost: lines before any day header cannot be dated.
  await put(
    join(chats, 'line', 'line-damaged.txt'),
    t([
      '[LINE] Chat history with Dana Client',
      'Saved on: 2024/03/16, 09:30',
      '',
      '10:22\tDana Client\tlost its day',
      'and its second line',
      '2024/03/15(Fri)',
      '09:00\tDana Client\tSENTINEL-D1 dated',
      '09:01\tSam Seller\tSENTINEL-D2 dated too',
    ]),
  );
}

async function googleChat() {
  const dana = { name: 'Dana Client', email: 'dana@example.com', user_type: 'Human' };
  const sam = { name: 'Sam Seller', email: 'sam@seller.example', user_type: 'Human' };
  const msg = (creator, created, text, extra = {}) => ({
    creator,
    created_date: created,
    ...(text ? { text } : {}),
    ...extra,
    topic_id: 'Xq1bT0pIc7Y',
    message_id: `k6oxHQAAAAE/Xq1bT0pIc7Y/${created.length}${(text ?? '').length}`,
  });
  const messages = {
    messages: [
      msg(dana, 'Thursday, March 14, 2024 at 10:22:30\u202fAM UTC', 'SENTINEL-G1 Hi Sam, everything arrived.'),
      msg(sam, 'Thursday, March 14, 2024 at 10:24:00\u202fAM UTC', 'SENTINEL-G2 Great, here is the invoice screenshot.', {
        attached_files: [{ original_name: 'invoice.png', export_name: 'File-invoice.png' }],
      }),
      msg(dana, 'Thursday, March 14, 2024 at 1:15:00\u202fPM UTC', 'SENTINEL-G3 Thanks, it matches my card 4242 4242 4242 4242', {
        quoted_message_metadata: { creator: sam, text: 'Great, here is the invoice screenshot.' },
      }),
      msg(sam, 'Thursday, March 14, 2024 at 1:20:00\u202fPM UTC', '', { deletion_metadata: { deletion_type: 'CREATOR' } }),
      msg(dana, 'Friday, 15 March 2024 at 09:00:00 UTC', 'SENTINEL-G4 All good on my side', { updated_date: 'Friday, 15 March 2024 at 09:01:00 UTC' }),
    ],
  };
  const info = { members: [dana, sam] };
  const shot = await png('GCHAT-INVOICE 499.00');
  for (const base of [join(chats, 'google-chat', 'Google Chat', 'Groups', 'DM k6oxHQAAAAE'), join(casedir, 'Google Chat', 'Groups', 'DM k6oxHQAAAAE')]) {
    await put(join(base, 'messages.json'), JSON.stringify(messages, null, 2));
    await put(join(base, 'group_info.json'), JSON.stringify(info, null, 2));
    await put(join(base, 'File-invoice.png'), shot);
  }
  const text = JSON.stringify(messages, null, 2);
  await put(join(chats, 'google-chat', 'messages.json'), text);
  await put(join(chats, 'google-chat', 'messages-cut.json'), text.slice(0, text.indexOf('SENTINEL-G3')));
  const undated = { messages: [msg(dana, 'sometime in March', 'no date'), messages.messages[0]] };
  await put(join(chats, 'google-chat', 'messages-undated.json'), JSON.stringify(undated, null, 2));
}

async function imessageExports() {
  // imessage-exporter TXT: time line (`%b %d, %Y %l:%M:%S %p`, local), sender, parts, blank line.
  const txt = [
    'Mar 14, 2024 10:22:05 AM',
    'Dana Client',
    'SENTINEL-I1 Hi Sam, the files came through',
    'attachments/3/IMG_0042.png',
    '',
    'Mar 14, 2024 10:25:00 AM (Read by them after 2 minutes)',
    'Me',
    'SENTINEL-I2 Great, glad they arrived',
    'Tapbacks:',
    'Loved by Dana Client',
    '',
    'Mar 14, 2024 10:30:00 AM You named the conversation Theme order',
    '',
    'Mar 14, 2024  1:05:00 PM',
    'dana@example.com',
    'Mar 14, 2024  1:05:00 PM SENTINEL-I3 first version',
    'Edited 2 minutes later: SENTINEL-I3 the edited version',
    '',
    'Mar 15, 2024  9:00:00 AM',
    'Dana Client',
    'This message was deleted from the conversation!',
    'SENTINEL-I4 my card was 4242 4242 4242 4242',
    '    Mar 15, 2024  9:02:00 AM',
    '    Me',
    '    SENTINEL-I5 a reply in the thread',
    '',
    '',
  ].join('\n');
  await put(join(chats, 'imessage', 'Dana Client.txt'), txt);
  await put(join(casedir, 'imessage', 'Dana Client.txt'), txt);
  // The head cut off, and a time that is no date.
  await put(
    join(chats, 'imessage', 'damaged.txt'),
    [
      'the files came through',
      'attachments/3/IMG_0042.png',
      '',
      'Feb 30, 2024  9:00:00 AM',
      'Dana Client',
      'no such day',
      '',
      'Mar 15, 2024  9:00:00 AM',
      'Dana Client',
      'SENTINEL-ID1 still read',
      '',
      '',
    ].join('\n'),
  );

  // imessage-exporter HTML: div.message > div.sent|received, span.timestamp, span.sender, message_part.
  const msg = (side, stamp, sender, parts, extra = '') =>
    `<div class="message">\n<div class="${side === 'sent' ? 'sent iMessage' : 'received'}">\n<p><span class="timestamp">${stamp}</span>\n<span class="sender">${sender}</span></p>\n${parts.map((p) => `<hr><div class="message_part">\n${p}\n</div>`).join('\n')}\n${extra}</div>\n</div>\n`;
  const body = [
    msg('received', 'Mar 14, 2024 10:22:05 AM', 'Dana Client', [
      '<span class="bubble">SENTINEL-H1 Hi Sam, the files came through</span>',
      '<img src="attachments/3/IMG_0042.png" loading="lazy">',
    ]),
    msg('sent', 'Mar 14, 2024 10:25:00 AM (Read by them after 2 minutes)', 'Me', [
      '<span class="bubble">SENTINEL-H2 Great &amp; glad they arrived</span>\n<div class="reactions">\n<hr><p>Reactions:</p>\n<div class="reaction"><span class="reaction"><b>Loved</b> by Dana Client</span></div>\n</div>',
    ]),
    '<div class ="announcement"><p><span class="timestamp">Mar 14, 2024 10:30:00 AM</span> You named the conversation <b>Theme order</b></p></div>\n',
    msg('received', 'Mar 14, 2024  1:05:00 PM', 'dana@example.com', [
      '<div class="edited"><table><tbody><tr><td><span class="timestamp">Mar 14, 2024  1:05:00 PM</span></td><td>SENTINEL-H3 first version</td></tr></tbody><tfoot><tr><td><span class="timestamp">Edited 2 minutes later</span></td><td>SENTINEL-H3 the edited version</td></tr></tfoot></table></div>',
    ]),
    msg('received', 'Mar 15, 2024  9:00:00 AM', 'Dana Client', [
      '<span class="bubble">SENTINEL-H4 my card was 4242 4242 4242 4242</span>\n<div class="replies">\n<div class="reply" id="r2">\n' +
        msg('sent', 'Mar 15, 2024  9:02:00 AM', 'Me', ['<span class="bubble">SENTINEL-H5 a reply in the thread</span>']) +
        '</div>\n</div>',
    ]),
  ].join('\n');
  const style = '.message { margin: 1em 0; }\n.sent { text-align: right; }\n.timestamp { color: #555; }\n';
  const html = `<html>\n<head>\n<meta charset="UTF-8"><style>\n${style}\n</style>\n</head>\n<body>\n${body}</body></html>`;
  await put(join(chats, 'imessage', 'Dana Client.html'), html);
  await put(join(chats, 'imessage', 'Dana Client-cut.html'), html.slice(0, html.indexOf('SENTINEL-H4')));
  await put(
    join(chats, 'imessage', 'not-a-chat.html'),
    '<!DOCTYPE html>\n<html><head><title>Order confirmation</title></head><body><div class="message">Thanks for your order</div></body></html>\n',
  );
}

async function signalExports() {
  // signal-export chat.md: Message.to_md() printed with print(), so a blank line follows each.
  const md = [
    '[2024-03-14 10:22:05] Dana Client: SENTINEL-SG1 Hi Sam, the files arrived  ![IMG_0042.png](./media/IMG_0042.png)  \n',
    '[2024-03-14 10:25:00] Me: \n\n> SENTINEL-SG1 Hi Sam, the files arrived\n\nSENTINEL-SG2 Glad to hear it  \n(- Dana Client: \u{1F44D} -)\n',
    '[2024-03-14 10:26:30] Dana Client: SENTINEL-SG3 Two things:\nthe licence works\nand 4242 4242 4242 4242 was charged  \n',
    '[2024-03-15 09:00:00] Me: (This message was deleted)\n',
    '[2024-03-15 09:30:00] Me: Outgoing voice call (accepted, 2m 5s)  \n',
    '[2024-03-15 09:45:00] Dana Client: SENTINEL-SG4 Invoice attached  [My Invoice.pdf](./media/My%20Invoice.pdf)  \n',
  ]
    .map((m) => `${m}\n`)
    .join('');
  const photo = await png('SIGNAL-PHOTO files');
  const meta = (sender, iso) =>
    `<div class="meta">\n<span class="sender">${sender}</span>\n<time class="time" datetime="${iso}" title="${iso.replace('T', ' ')}">${iso.slice(11)}</time>\n</div>`;
  const msg = (cl, head, body, extra = '', after = '') => `<div class="${cl}">\n${head}\n${extra}<div class="body">\n${body}\n</div>\n${after}</div>`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>\n<meta charset="utf-8"/>\n<title>Dana Client</title>\n<link href="../style.css" rel="stylesheet"/>\n<script src="../chat.js"></script>\n</head>',
    '<body data-last-page="0">',
    '<header class="topbar">\n<h1 class="chat-title">Dana Client</h1>\n<div aria-label="Colour theme" class="theme-switch" role="group"><button data-theme-choice="auto" type="button">Auto</button></div>\n</header>',
    '<main>\n<div class="page" id="pg0">',
    '<div class="day">2024-03-14</div>',
    msg(
      'msg',
      meta('Dana Client', '2024-03-14T10:22:05'),
      '<p>SENTINEL-HG1 Hi Sam, the files arrived</p>\n<figure><label for="m0-0-0"><img alt="IMG_0042.png" loading="lazy" src="./media/IMG_0042.png"/></label><input class="modal-state" id="m0-0-0" type="checkbox"/></figure>',
    ),
    msg(
      'msg me',
      meta('Me', '2024-03-14T10:25:00'),
      '<p>SENTINEL-HG2 Glad to hear it</p>',
      '<div class="quote">SENTINEL-HG1 Hi Sam, the files arrived</div>\n',
      '<div class="reactions"><span class="reaction">\u{1F44D}<span class="who">Dana Client</span></span></div>\n',
    ),
    msg('msg me cont', '', '<p>SENTINEL-HG3 grouped under the one before</p>'),
    '<div class="day">2024-03-15</div>',
    msg('msg me deleted', meta('Me', '2024-03-15T09:00:00'), '<em>This message was deleted</em>'),
    '<div class="event call">\n<span aria-hidden="true" class="event-icon">\u{1F4DE}</span>\n<span>Outgoing voice call (accepted, 2m 5s)</span>\n<time class="event-time" datetime="2024-03-15T09:30:00" title="2024-03-15 09:30:00">09:30:00</time>\n</div>',
    msg(
      'msg',
      meta('Dana Client', '2024-03-15T09:45:00'),
      '<p>SENTINEL-HG4 my card 4242 4242 4242 4242</p>\n<a class="file" href="./media/My%20Invoice.pdf" rel="noopener" target="_blank"><span aria-hidden="true">&#128206;</span><span>My Invoice.pdf</span></a>',
    ),
    '</div>\n</main>\n</body>\n</html>\n',
  ].join('\n');
  for (const base of [join(chats, 'signal', 'Dana Client'), join(casedir, 'signal', 'Dana Client')]) {
    await put(join(base, 'chat.md'), md);
    await put(join(base, 'index.html'), html);
    await put(join(base, 'media', 'IMG_0042.png'), photo);
  }
  await put(
    join(chats, 'signal', 'chat-damaged.md'),
    'the files arrived  \n\n[2024-02-30 10:00:00] Dana Client: no such day  \n\n' +
      md
        .split('\n\n[')
        .slice(2)
        .map((m) => `[${m}`)
        .join('\n\n'),
  );
  await put(join(chats, 'signal', 'index-cut.html'), html.slice(0, html.indexOf('SENTINEL-HG3')));
}

async function phoneCase() {
  await put(
    join(casedir, 'case.yaml'),
    `case: dp_phone
profile: stripe
reason: product_unacceptable
amount: 499
currency: USD
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
  aliases: ["+44 7700 900123"]
merchant: { name: Sam Seller, email: sam@seller.example }
`,
  );
}

await rm(casedir, { recursive: true, force: true });
await smsBackup();
await lineExports();
await googleChat();
await imessageExports();
await signalExports();
await phoneCase();
