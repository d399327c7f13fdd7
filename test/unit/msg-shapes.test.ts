import { spawnSync } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

/** Outlook .msg shapes Outlook for Windows writes that the first fixtures left out. */
const OUTLOOK = join(FIXTURES, 'chats', 'email', 'outlook');
const YAML = 'case: msg-test\ntimezone: Europe/London\nclient:\n  name: Dana Client\n  email: dana@example.com\n';
const hasMsgconvert = spawnSync('msgconvert', ['--help']).error === undefined;
if (!hasMsgconvert) console.warn('msg shapes: msgconvert not installed, its cross-check is skipped (apt-get install libemail-outlook-message-perl)');

async function readIn(dir: string, name: string) {
  const work = await tempDir();
  await writeFile(join(work, 'case.yaml'), YAML);
  await mkdir(work, { recursive: true });
  await cp(join(dir, name), join(work, basename(name)));
  const analysis = await analyzeCase(work);
  const messages = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat').flatMap((c) => c.messages);
  return { messages, findings: analysis.findings.filter((f) => f.file === basename(name)) };
}

describe('Outlook .msg from an Exchange mailbox', () => {
  it('reads a message saved from Sent Items: the SMTP address behind the X.500 one, the submit time, a link attachment as a link', async () => {
    const { messages, findings } = await readIn(OUTLOOK, 'exchange-sent.msg');
    expect(messages.map((m) => [new Date(m.date.epochMs).toISOString(), m.sender, m.senderEmail, m.attachments])).toEqual([
      [
        '2024-03-17T09:15:00.000Z',
        'Sam Seller',
        'sam@seller.example',
        ['tracking.pdf (not in the message: a link to \\\\files.seller.example\\shipping\\2024\\tracking.pdf)'],
      ],
    ]);
    expect(messages[0]!.text).toContain('SENTINEL-X1');
    // The link is no damage: nothing of the message is missing.
    expect(findings.map((f) => f.code)).not.toContain('ITEM_DAMAGED');
  });

  it('reads a meeting request as the message it is', async () => {
    const { messages, findings } = await readIn(OUTLOOK, 'meeting-request.msg');
    expect(messages.map((m) => [new Date(m.date.epochMs).toISOString(), m.sender, m.subject])).toEqual([
      ['2024-03-18T10:00:00.000Z', 'Sam Seller', 'Call about the refund'],
    ]);
    expect(messages[0]!.text).toContain('SENTINEL-X2');
    expect(findings.map((f) => f.code).filter((c) => c.startsWith('ITEM_'))).toEqual([]);
  });

  // msgconvert writes an Exchange sender's X.500 address into From: the name is compared, not the address.
  it.skipIf(!hasMsgconvert)('msgconvert finds the same sender, instant and subject', async () => {
    for (const name of ['exchange-sent.msg', 'meeting-request.msg']) {
      const work = await tempDir();
      await cp(join(OUTLOOK, name), join(work, name));
      expect(spawnSync('msgconvert', [name], { cwd: work }).status).toBe(0);
      const [ours] = (await readIn(OUTLOOK, name)).messages;
      const [theirs] = (await readIn(work, name.replace(/\.msg$/, '.eml'))).messages;
      expect([theirs!.sender, theirs!.subject, theirs!.date.epochMs]).toEqual([ours!.sender, ours!.subject, ours!.date.epochMs]);
      expect(theirs!.text).toContain(/SENTINEL-X\d/.exec(ours!.text)![0]);
    }
  });
});

describe('Outlook .msg in the ANSI form from older Outlook', () => {
  it('reads its 8-bit text in the code page named only by PidTagInternetCodepage', async () => {
    const { messages } = await readIn(OUTLOOK, 'ansi-internet-1251.msg');
    expect(messages.map((m) => [m.sender, m.subject])).toEqual([['Дана Клиент', 'Доставка получена']]);
    expect(messages[0]!.text).toContain('SENTINEL-A2 Посылка пришла, всё в порядке.');
  });
});
