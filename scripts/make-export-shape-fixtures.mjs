#!/usr/bin/env node
// Writes our own exports in shapes their real tools write that the first fixtures left out
// (see docs/formats-phone.md): SMS Backup & Restore's emoji written as two references to
// UTF-16 surrogates, as its "store emojis" setting does; LINE in Traditional Chinese (上午 /
// 下午 before the time, with or without a space, system lines with an empty name) and LINE
// for desktop's 24-hour clock that counts a day's first hour as 24. The outputs are
// committed; run this only to change them: `npm run fixtures`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mmsRecord } from './lib/mms-xml.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const chats = join(root, 'chats');

async function put(path, content) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/**
 * The app's attribute escaping: XML's five, line ends as `&#10;`, and every UTF-16 unit of a
 * character beyond the BMP as its own decimal reference (what makes the file invalid XML).
 */
function smsAttr(text) {
  let out = '';
  for (const ch of String(text)) {
    const code = ch.codePointAt(0);
    if (code > 0xffff) {
      for (let i = 0; i < ch.length; i++) out += `&#${ch.charCodeAt(i)};`;
    } else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '\n') out += '&#10;';
    else out += ch;
  }
  return out;
}

const attrs = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k}="${smsAttr(v)}"`)
    .join(' ');

function sms(at, type, address, name, body) {
  const date = Date.parse(at);
  return `  <sms ${attrs({ protocol: 0, address, date, type, subject: 'null', body, toa: 'null', sc_toa: 'null', service_center: type === 1 ? '+447785016005' : 'null', read: 1, status: -1, locked: 0, date_sent: type === 1 ? date - 3000 : 0, sub_id: 1, readable_date: new Date(date).toUTCString(), contact_name: name })} />`;
}

function mms(at, box, address, name, from, to, text) {
  const date = Date.parse(at);
  const head = {
    date,
    rr: 'null',
    sub: 'null',
    ct_t: 'application/vnd.wap.multipart.related',
    read_status: 'null',
    seen: 1,
    msg_box: box,
    address,
    sub_cs: 'null',
    m_id: `m${date}`,
    date_sent: 0,
    read: 1,
    m_type: box === 1 ? 132 : 128,
    readable_date: new Date(date).toUTCString(),
    contact_name: name,
  };
  return mmsRecord({ head, parts: [{ ct: 'text/plain', cl: 'text_0.txt', text }], from, to }, { escapeAttr: smsAttr });
}

async function smsEmoji() {
  const dana = ['+447700900123', 'Dana Client'];
  const records = [
    sms('2024-05-02T08:00:00Z', 1, ...dana, 'SENTINEL-E1 Thank you 😀👍 the files are perfect'),
    sms('2024-05-02T08:01:30Z', 2, ...dana, 'SENTINEL-E2 Glad to hear 🎉\nSpeak soon — Sam'),
    mms(
      '2024-05-02T08:05:00Z',
      1,
      '+447700900123~+15550002222',
      'Dana Client, Lee',
      ['+15550002222'],
      ['+447700900123', 'insert-address-token'],
      'SENTINEL-E3 Lee here 👋 café',
    ),
    sms('2024-05-02T08:10:00Z', 1, ...dana, 'SENTINEL-E4 flags 🇬🇧 and a family 👨‍👩‍👧'),
  ];
  const xml = [
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>`,
    '<!--File Created By SMS Backup & Restore v10.20.002 on 03/05/2024 09:00:00-->',
    '<?xml-stylesheet type="text/xsl" href="sms.xsl"?>',
    `<smses count="${records.length}" backup_set="0c8e8a52-5b0e-4a8f-9c55-3e7d1c2b9a10" backup_date="${Date.parse('2024-05-03T09:00:00Z')}" type="full">`,
    ...records,
    '</smses>',
    '',
  ].join('\n');
  await put(join(chats, 'sms', 'sms-backup-emoji.xml'), xml);
}

/** LINE "Save chat" in Traditional Chinese, from the phone: CRLF line ends, a BOM. */
async function lineZhTw() {
  const lines = [
    '\ufeff[LINE] 與Dana Client的聊天記錄',
    '儲存日期：2024/3/16 09:30',
    '',
    '2024/3/14（週四）',
    '上午10:22\tDana Client\tSENTINEL-Z1 你好，檔案收到了',
    '上午 11:05\tSam Seller\t"SENTINEL-Z2 兩點：',
    '1. 授權是你的',
    '2. 更新免費"',
    '下午12:30\tDana Client\t[照片]',
    '下午07:04\t\tSam Seller已收回訊息',
    '',
    '2024/3/15（週五）',
    '上午12:10\tDana Client\tSENTINEL-Z3 謝謝！',
    '',
  ];
  await put(join(chats, 'line', 'line-zh-tw.txt'), lines.join('\r\n'));
}

/** LINE for Windows "Save chat": the first hour of a day is 24, not 00. */
async function lineDesktopHour24() {
  const lines = [
    '[LINE] Chat history with Dana Client',
    'Saved on: 2024.03.16 09:30',
    '',
    '2024.03.14 Thursday',
    '23:58\tDana Client\tSENTINEL-H1 late question',
    '',
    '2024.03.15 Friday',
    '24:03\tSam Seller\tSENTINEL-H2 answered just after midnight',
    '24:59\tDana Client\tSENTINEL-H3 thanks',
    '09:00\tSam Seller\tSENTINEL-H4 good morning',
    '',
  ];
  await put(join(chats, 'line', 'line-desktop-hour24.txt'), lines.join('\n'));
}

await smsEmoji();
await lineZhTw();
await lineDesktopHour24();
