import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

describe('a packet from phone chats: SMS backup, LINE, Google Chat, iMessage, Signal', () => {
  it('puts the messages of all five exports in one time order, with the MMS photo and the Chat file after their messages', async () => {
    const dir = await copyCase(join(FIXTURES, 'cases', 'phone-chats'));
    const out = join(await tempDir(), 'phone.pdf');
    const build = await runCli(['build', dir, '-o', out, '--no-ocr'], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.stderr).not.toMatch(/ITEM_UNSUPPORTED|ITEM_UNREADABLE|ITEM_DAMAGED|CHAT_MESSAGE_UNDATED/);
    expect(build.code).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    const exhibits = text.slice(text.indexOf('Exhibit 1 of'));
    const order = [
      'SENTINEL-L1', // LINE 10:22 (London)
      'SENTINEL-S1', // SMS 10:22:05 (epoch)
      'SENTINEL-G1', // Google Chat 10:22:30 UTC
      'SENTINEL-G2', // Google Chat 10:24:00 UTC, with its file
      'File-invoice.png',
      'SENTINEL-SG3', // Signal 10:26:30 (London)
      'SENTINEL-S3', // MMS 10:40:00, with its photo
      'IMG_20240314_104000.png',
      'SENTINEL-I3', // iMessage 13:05 (London)
      'SENTINEL-G3', // Google Chat 13:15 UTC
      'SENTINEL-I5', // iMessage reply, next day 09:02
      'SENTINEL-S5', // SMS 09:05 (failed to send)
      'SENTINEL-SG4', // Signal 09:45
      'SENTINEL-S6', // group MMS 10:00
      'SENTINEL-L4', // LINE 18:45
    ];
    const positions = order.map((s) => exhibits.indexOf(s));
    expect(Object.fromEntries(order.map((s, i) => [s, positions[i]! >= 0]))).toEqual(Object.fromEntries(order.map((s) => [s, true])));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The client marked, card numbers masked in every export.
    expect(text).toContain('CLIENT');
    expect(text).not.toContain('4242 4242 4242 4242');
    expect(text).toContain('[card ending 4242]');
  });

  it('lists the phone formats', async () => {
    const r = await runCli(['formats', '--json']);
    const ids = JSON.parse(r.stdout).map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['sms-backup', 'line', 'google-chat', 'imessage-txt', 'imessage-html', 'signal-md', 'signal-html']));
  });
});
