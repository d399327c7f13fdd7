#!/usr/bin/env node
// Writes the Chinese, Japanese and Korean files of fixtures/cases/scripts (the case whose
// pages are golden for text in other scripts): two WhatsApp chats, and two emails in the
// legacy charsets such mail still arrives in, Shift_JIS and KS C 5601 (Outlook's name for
// Korean, the bytes of CP949), with RFC 2047 subjects in the same charset. Part of `npm run fixtures`.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cases', 'scripts');

/** An email whose headers are ASCII and whose subject and body are in `charset`, encoded as `cte`. */
function email({ charset, encoding, cte, date, from, to, subject, body }) {
  const words = `=?${charset}?B?${iconv.encode(subject, encoding).toString('base64')}?=`;
  const bytes = iconv.encode(body.replace(/\n/g, '\r\n'), encoding);
  const head = [
    `Date: ${date}`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${words}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset="${charset}"`,
    `Content-Transfer-Encoding: ${cte}`,
    '',
    '',
  ].join('\r\n');
  const text = cte === 'base64' ? Buffer.from(`${bytes.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`) : Buffer.concat([bytes, Buffer.from('\r\n')]);
  return Buffer.concat([Buffer.from(head, 'ascii'), text]);
}

await writeFile(
  join(dir, 'chinese.txt'),
  '18/03/2022, 15:00 - Dana Client: 您好，文件已经收到了，主题可以正常使用。谢谢！\n18/03/2022, 15:03 - Sam Seller: 不客气。发票号码是 INV-1042。\n',
);
await writeFile(
  join(dir, 'japanese.txt'),
  '18/03/2022, 16:00 - Dana Client: ファイルを受け取りました。テーマは問題なく動いています。\n18/03/2022, 16:02 - Sam Seller: ありがとうございます。\n',
);
await writeFile(
  join(dir, 'shift-jis.eml'),
  email({
    charset: 'Shift_JIS',
    encoding: 'shift_jis',
    cte: '8bit',
    date: 'Fri, 18 Mar 2022 17:00:00 +0900',
    from: 'Dana Client <dana@example.com>',
    to: 'Sam Seller <sam@seller.example>',
    subject: '納品の確認',
    body: 'サム様\n\n納品されたテーマを確認しました。問題ありません。\n\nダナ',
  }),
);
await writeFile(
  join(dir, 'ks-c-5601.eml'),
  email({
    charset: 'ks_c_5601-1987',
    encoding: 'cp949',
    cte: 'base64',
    date: 'Fri, 18 Mar 2022 18:00:00 +0900',
    from: 'Dana Client <dana@example.com>',
    to: 'Sam Seller <sam@seller.example>',
    subject: '납품 확인',
    body: '샘 님,\n\n테마를 잘 받았습니다. 정상적으로 작동합니다.\n\n다나',
  }),
);
console.log('wrote', dir);
