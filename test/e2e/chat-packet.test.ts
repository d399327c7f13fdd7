import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');

/** A case mixing a WhatsApp export, an mbox, a Help Scout thread and screenshots. */
async function mixedCase(): Promise<string> {
  const dir = await tempDir();
  await copyFile(join(CHATS, 'whatsapp/android-24h-dmy.txt'), join(dir, 'whatsapp.txt'));
  await copyFile(join(CHATS, 'email/thread.mbox'), join(dir, 'mail.mbox'));
  await copyFile(join(CHATS, 'helpdesk/helpscout.json'), join(dir, 'helpscout.json'));
  await copyFile(join(CHATS, 'whatsapp/ios-dotted-lrm.txt'), join(dir, 'ios-chat.txt'));
  await writeFile(join(dir, 'Screenshot_20240314-102400.png'), await makePng(640, 200, 'Delivery page'));
  await writeFile(join(dir, 'Screenshot_20240314-153000.png'), await makePng(640, 200, 'Download log'));
  await writeFile(
    join(dir, 'case.yaml'),
    `case: dp_chat
profile: stripe
reason: product_not_received
amount: 450
currency: USD
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
merchant: { name: Sam Seller, email: sam@seller.example }
items:
  - file: whatsapp.txt
    notes:
      - match: logo files arrived
        note: The client confirms the files arrived
  - file: ios-chat.txt
    select: { match: ['Files received', 'Спасибо'] }
`,
  );
  return dir;
}

describe('a packet with chats, mail, a helpdesk thread and screenshots', () => {
  it('puts every message and screenshot in one time order across sources', async () => {
    const dir = await mixedCase();
    const outDir = await tempDir();
    const out = join(outDir, 'out.pdf');
    const check = await runCli(['check', dir]);
    expect(check.stdout).toContain('TEXT_GLYPH_MISSING');
    expect(check.stdout).toContain('SENSITIVE_CARD_NUMBER');
    // With SOURCE_DATE_EPOCH the same inputs give the same bytes (checked below).
    const build = await runCli(['build', dir, '-o', out, '--report', join(outDir, 'report.json')], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    // Its warnings on stderr, the result alone on stdout.
    expect(build.stderr).toContain('TEXT_GLYPH_MISSING');
    expect(build.stdout).toMatch(/^Wrote /);
    expect(build.code).toBe(0);
    const pdf = await readPdf(out);
    const text = pdf.pages.join('\n');
    const order = [
      'Where are my files?', // Help Scout 10:00 UTC
      'Hi Sam, the logo files arrived.', // WhatsApp 10:22 London = UTC
      'Files received □', // iOS chat 10:22:40; the emoji (with its skin tone) is one visible □
      'Screenshot_20240314-102400.png', // screenshot 10:24
      'Glad you like them.', // WhatsApp 10:25
      'Sent them just now.', // Help Scout 10:30
      'Got them, thanks!', // mbox 15:00 +0000
      'Screenshot_20240314-153000.png', // screenshot 15:30
      "You're welcome.", // mbox 17:00 +0100 = 16:00 UTC
      'Paid with my card [card ending 4242]', // WhatsApp, next day 09:02
      'Спасибо! Ευχαριστώ!', // iOS chat, next day 18:00
    ];
    const exhibitsText = text.slice(text.indexOf('Exhibit 1 of'));
    const positions = order.map((snippet) => exhibitsText.indexOf(snippet));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // The card number never reaches the packet; the client is marked; the note is there.
    expect(text).not.toContain('4242 4242 4242 4242');
    expect(text).toContain('▶ CLIENT');
    expect(text).toContain('The client confirms the files arrived');
    // The chat is cut into excerpts around the other exhibits.
    expect(text).toMatch(/WhatsApp · whatsapp\.txt · part 1 of \d/);

    const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8'));
    const kinds = report.exhibits.map((e: { messages?: unknown; embedded?: unknown }) => (e.messages ? 'chat' : 'image'));
    expect(kinds.filter((k: string) => k === 'image')).toHaveLength(2);
    expect(report.sources.map((s: { file: string }) => s.file)).toEqual(
      expect.arrayContaining(['whatsapp.txt', 'mail.mbox', 'helpscout.json', 'ios-chat.txt']),
    );
    // Same inputs, same bytes.
    const again = join(outDir, 'again.pdf');
    await runCli(['build', dir, '-o', again], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(await readFile(again)).toEqual(await readFile(out));
  });
});
