import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { danaCaseYaml } from '../helpers/dana-case-yaml.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');

/** A case holding each default HTML/TXT export: Telegram's folder, DiscordChatExporter's HTML and TXT, Facebook's HTML. */
async function htmlChatCase(withYaml: boolean): Promise<string> {
  const dir = await tempDir();
  const copies: Record<string, string> = {
    'telegram/ChatExport_2024-03-14': 'telegram-html/ChatExport_2024-03-14',
    'discord/export.html': 'discord/export.html',
    'discord-txt/export.txt': 'discord/export.txt',
    'facebook/messages/inbox/danaclient_1234': 'meta/facebook-html-thread',
  };
  for (const [to, from] of Object.entries(copies)) {
    await mkdir(join(dir, to, '..'), { recursive: true });
    await cp(join(CHATS, from), join(dir, to), { recursive: true });
  }
  if (withYaml) {
    await writeFile(
      join(dir, 'case.yaml'),
      danaCaseYaml({ case: 'dp_html', profile: 'stripe', reason: 'product_unacceptable', amount: '120' }, { aliases: '[dana_c]' }),
    );
  }
  return dir;
}

describe('a packet from the default HTML and TXT chat exports', () => {
  it('builds, every message in order with its sender, the photos right after their messages, the card number masked', async () => {
    const dir = await htmlChatCase(true);
    const out = join(await tempDir(), 'packet.pdf');
    const build = await runCli(['build', dir, '-o', out], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.stderr).not.toMatch(/ITEM_UNSUPPORTED|ITEM_DAMAGED|CHAT_MESSAGE_UNDATED/);
    // A photo a message carries follows that message, which says who and when: no warning that it does not show them.
    expect(build.stderr).not.toMatch(/ITEM_(?:CLIENT|DATE)_NOT_VISIBLE/);
    expect(build.code).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    const inOrder = (sentinels: string[]) => {
      const at = sentinels.map((s) => text.indexOf(s));
      expect(
        at.every((i) => i >= 0),
        sentinels.filter((_, i) => at[i]! < 0).join(', '),
      ).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    };
    inOrder(['SENTINEL-TG1', 'SENTINEL-TG2', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6']);
    inOrder(['SENTINEL-DC1', 'SENTINEL-DC2', 'SENTINEL-DC3', 'SENTINEL-DC4']);
    inOrder(['SENTINEL-FB1', 'SENTINEL-FB2', 'SENTINEL-FB3', 'SENTINEL-FB4']);
    // Across exports too: the whole packet is one time line.
    inOrder(['SENTINEL-TG4', 'SENTINEL-DC1', 'SENTINEL-FB2', 'SENTINEL-TG5']);
    expect(text).toContain('Sám Seller');
    // The photo's page stands between its message and the next one.
    const photo = text.indexOf('photo_1@14-03-2024_10-05-30.jpg', text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeGreaterThan(text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeLessThan(text.indexOf('SENTINEL-TG3'));
    expect(text).toMatch(/Attachment: photo_1@14-03-2024_10-05-30\.jpg \(shown as Exhibit \d+\)/);
    // Two photos of one message: each named with its own exhibit.
    const first = /Attachment: 1234_5678\.jpg \(shown as Exhibit (\d+)\)/.exec(text)?.[1];
    const second = /Attachment: 1234_9999\.jpg \(shown as Exhibit (\d+)\)/.exec(text)?.[1];
    expect(first && second && Number(second) === Number(first) + 1).toBe(true);
    const fbPhoto = text.indexOf('1234_5678.jpg', text.indexOf('SENTINEL-FB2'));
    expect(fbPhoto).toBeGreaterThan(text.indexOf('SENTINEL-FB2'));
    expect(fbPhoto).toBeLessThan(text.indexOf('SENTINEL-FB3'));
    expect(text).not.toMatch(/4111 ?1111 ?1111 ?1111/);
    expect(text).toContain('1111');
  });

  it('init writes a case whose check reads every export, none refused', async () => {
    const dir = await htmlChatCase(false);
    const r = await runCli(['init', dir, '--yes', '--client-name', 'Dana Client', '--client-email', 'dana@example.com', '--tz', 'Europe/London']);
    expect(r.code).toBe(0);
    const check = await runCli(['check', dir, '--json']);
    const json = JSON.parse(check.stdout) as { findings: { code: string; file?: string }[] };
    expect(json.findings.filter((f) => /ITEM_UNSUPPORTED|ITEM_UNREADABLE/.test(f.code))).toEqual([]);
  });

  it('formats lists the three readers', async () => {
    const r = await runCli(['formats', '--json']);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['telegram-html', 'discord-html', 'discord-txt', 'messenger-html']));
  });
});
