import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { asciiDigits } from '../helpers/card-corpus.js';
import { tempDir } from '../helpers/temp-case.js';

async function chatText(files: Record<string, string>): Promise<{ text: string; codes: string[] }> {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), 'case: pan\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const analysis = await analyzeCase(dir);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { text: chats.flatMap((c) => c.messages.map((m) => m.text)).join('\n'), codes: analysis.findings.map((f) => f.code) };
}

describe('a card number split over two lines, or in another digit set, is masked where the chat is read', () => {
  it('in a multi-line WhatsApp message, in full-width and Devanagari digits', async () => {
    const { text, codes } = await chatText({
      'chat.txt': [
        '14/03/2024, 10:00 - Dana Client: My card is 4000 0566',
        '5566 5556 exp 12/27',
        '14/03/2024, 10:05 - Dana Client: カード ４０００ ０５６６ ５５６６ ５５５６',
        '14/03/2024, 10:06 - Dana Client: कार्ड ४००००५६६५५६६५५५६',
        '14/03/2024, 10:07 - Sam Seller: Thanks, see https://maps.google.com/?q=51.50214569326172,-0.1195068359375',
        '',
      ].join('\n'),
    });
    expect(asciiDigits(text)).not.toContain('400005665566');
    expect(text.match(/\[card ending 5556\]/g)).toHaveLength(3);
    expect(text).toContain('51.50214569326172,-0.1195068359375');
    expect(codes.filter((c) => c === 'SENSITIVE_CARD_NUMBER')).toHaveLength(3);
  });

  it('in a hard-wrapped plain-text email and across an HTML <br>', async () => {
    const eml = (type: string, body: string) =>
      [
        'From: Dana Client <dana@example.com>',
        'To: Sam Seller <sam@seller.example>',
        'Subject: Payment',
        'Date: Thu, 14 Mar 2024 10:22:33 +0000',
        'MIME-Version: 1.0',
        `Content-Type: ${type}; charset=utf-8`,
        '',
        body,
        '',
      ].join('\r\n');
    const { text } = await chatText({
      'wrapped.eml': eml('text/plain', 'Hi Sam, I paid with my card number 40000566\r\n55665556 as agreed.'),
      'html.eml': eml('text/html', '<p>Card: 4000 0566<br>5566 5556</p>'),
    });
    expect(asciiDigits(text)).not.toContain('400005665566');
    expect(text.match(/\[card ending 5556\]/g)).toHaveLength(2);
  });
});
