import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readChatCase } from '../helpers/read-chat-case.js';

const PLIST =
  '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>date-received</key>\n\t<integer>1710500403</integer>\n\t<key>flags</key>\n\t<integer>1025</integer>\n</dict>\n</plist>\n';

/** A message as Mail keeps it: its length in bytes on the first line, the message, the property list. */
const emlx = (message: string) => `${Buffer.byteLength(message)}\n${message}${PLIST}`;

describe('Apple Mail .partial.emlx, attachments stored apart', () => {
  it("finds a stored attachment by its MIME part's folder when Mail wrote its file name otherwise", async () => {
    const photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const message = [
      'From: Sam Seller <sam@seller.example>',
      'To: Dana Client <dana@example.com>',
      'Subject: Your receipt',
      'Date: Fri, 15 Mar 2024 11:00:00 +0000',
      'Message-ID: <receipt-77@seller.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'SENTINEL-P1 Receipt attached.',
      '',
      '--b1',
      'Content-Type: image/png; name="receipt.png"',
      'Content-Disposition: attachment; filename="receipt.png"',
      'Content-Transfer-Encoding: base64',
      `X-Apple-Content-Length: ${photo.length}`,
      '',
      '',
      '--b1--',
      '',
    ].join('\n');
    const box = 'Mail/INBOX.mbox/0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0/Data';
    const { analysis, chats, findings } = await readChatCase({
      [`${box}/Messages/77.partial.emlx`]: emlx(message),
      [`${box}/Attachments/77/2/receipt (1).png`]: photo,
    });
    expect(chats.flatMap((c) => c.messages.map((m) => [m.sender, m.attachments]))).toEqual([['Sam Seller', ['receipt.png']]]);
    expect(analysis.exhibits.filter((e) => e.kind === 'image')).toHaveLength(1);
    expect(findings.map((f) => f.code)).not.toContain('ITEM_DAMAGED');
  });
});
