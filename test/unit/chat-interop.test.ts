import { existsSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { REAL_FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

/**
 * Real exports written by other projects (see ../shared/fixtures/real/SOURCES.md). Read in
 * place through a temp case; skipped, with a message, when that folder is not beside the repo.
 */
const present = existsSync(REAL_FIXTURES);
if (!present) console.warn(`skipping interoperability tests: ${REAL_FIXTURES} is absent`);

async function chatsIn(sub: string, yaml = 'timezone: UTC\nclient: {name: Nobody, email: nobody@example.com}\n') {
  const dir = await tempDir();
  await cp(join(REAL_FIXTURES, sub), join(dir, 'x'), { recursive: true });
  await writeFile(join(dir, 'case.yaml'), yaml);
  const analysis = await analyzeCase(dir);
  const chats = new Map(analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat').map((c) => [c.file.replace(/^x\//, ''), c]));
  return { chats, findings: analysis.findings, analysis };
}
const utc = (ms: number) => new Date(ms).toISOString();

describe.skipIf(!present)('real exports from other projects', () => {
  it('WhatsApp: iOS with CRLF and U+200E, Android with mixed header orders, 12-hour U+202F, chat-miner header styles', async () => {
    const { chats, findings } = await chatsIn('whatsapp');
    const ios = chats.get('ios_dd.mm.yy_LRM_pustur-example-2019__chat.txt')!;
    expect(ios.totalMessages).toBe(100);
    expect(ios.messages[3]).toMatchObject({ sender: 'Loris', text: 'Welcome to the chat example' });
    expect(utc(ios.messages[3]!.date.epochMs)).toBe('2019-06-20T15:58:57.000Z');
    const android = chats.get('android_frozenspider_WhatsApp Chat with +123 45 6789.txt')!;
    expect(android.totalMessages).toBe(13);
    expect(android.messages[2]).toMatchObject({ sender: 'Aaaaa Aaaaaaaaaaa', text: 'hello there!\n\nthis is a\nmulti-line message!' });
    // m/d/yy and d/m/yyyy lines in one file: each shape gets its own order.
    expect(android.messages.map((m) => utc(m.date.epochMs).slice(0, 10))).toEqual(Array(13).fill('2023-06-30'));
    expect(android.messages[6]!.attachments).toEqual(['IMG-20230630-WA0000.jpg']);
    const nnbsp = chats.get('reconstructed/android_en-US_12h_NNBSP_from-issue-248.txt')!;
    expect(utc(nnbsp.messages[0]!.date.epochMs)).toBe('2023-01-04T19:02:00.000Z');
    // chat-miner's five header styles hold the same messages.
    const styles = [...chats.keys()].filter((k) => k.startsWith('chatminer_test_'));
    expect(styles).toHaveLength(5);
    const first = styles.map((k) => chats.get(k)!.messages.map((m) => [utc(m.date.epochMs), m.sender ?? null]));
    for (const other of first.slice(1)) expect(other).toEqual(first[0]);
    expect(first[0]![3]).toEqual(['2020-06-10T15:55:00.000Z', 'John-John Doe']);
    expect(findings.filter((f) => f.code === 'ITEM_DATE_AMBIGUOUS')).toEqual([]);
  });

  it('Telegram: whole-account exports old and new, single chats', async () => {
    const { chats } = await chatsIn('telegram');
    const batch = chats.get('full-account_chatminer_test_batch_export.json')!;
    expect(batch.messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2018-12-05T10:39:10.000Z', 'Author 1', 'Minimal Message'],
      ['2018-12-05T10:49:24.000Z', 'Author 2', 'Link:https://telegram.org/'],
    ]);
    const old = chats.get('full-account_frozenspider_2020-01_result.json')!;
    expect(old.totalMessages).toBe(50);
    const quote = chats.get('full-account_frozenspider_2023-11_result.json')!;
    expect(quote.messages[0]).toMatchObject({ sender: 'Aaaaa Aaaaaaaaaaa', text: 'This has blockquote!\nMy blockquote text' });
    expect(utc(quote.messages[0]!.date.epochMs)).toBe('2022-10-11T14:49:15.000Z');
  });

  it('Slack: the 2016 test archive as a folder and as a zip, the same messages', async () => {
    const { chats } = await chatsIn('slack');
    const folder = chats.get('hfaran_testarchive/')!;
    const zip = chats.get('hfaran_testarchive.zip')!;
    expect(folder.totalMessages).toBe(158);
    expect(zip.messages.map((m) => [m.date.epochMs, m.sender, m.text])).toEqual(folder.messages.map((m) => [m.date.epochMs, m.sender, m.text]));
    const created = folder.messages.find((m) => m.text.startsWith('@Harry Potter: Created an issue'));
    expect(created).toMatchObject({ sender: 'Hamza Faran', conversation: '#enrique' });
    expect(utc(created!.date.epochMs)).toBe('2016-01-15T05:55:52.000Z');
  });

  it('email: real .eml files, node-mbox mailboxes, and the file that is not an mbox', async () => {
    const eml = await chatsIn('email/eml');
    const gmail = eml.chats.get('mailparser_nodemailer.eml')!;
    expect(gmail.messages[0]).toMatchObject({ sender: 'Andris Kreata', senderEmail: 'andris@kreata.ee' });
    expect(utc(gmail.messages[0]!.date.epochMs)).toBe('2016-10-13T11:39:48.000Z');
    // Its GIF attachment is shown after it; its 126-byte PNG (a pixel) and notes.txt stay named.
    const attached = eml.analysis.exhibits.filter((e) => e.kind !== 'chat' && e.file.startsWith('x/mailparser_nodemailer.eml/'));
    expect(attached.map((e) => [e.file, e.kind === 'chat' ? undefined : e.follows?.seq])).toEqual([
      ['x/mailparser_nodemailer.eml/nyan cat ✔.gif', gmail.messages[0]!.seq],
    ]);
    expect(gmail.messages[0]!.attachments).toEqual(expect.arrayContaining(['image.png', 'nyan cat ✔.gif', 'notes.txt']));
    expect(
      eml.findings
        .filter((f) => f.code === 'CHAT_MESSAGE_UNDATED')
        .map((f) => f.file)
        .sort(),
    ).toEqual(['x/mailparser_base64encodedroot.eml', 'x/mailparser_mixed.eml', 'x/mailparser_nested.eml']);
    const mbox = await chatsIn('email/mbox');
    expect(mbox.chats.get('node-mbox_test-4-message.mbox')!.totalMessages).toBe(4);
    expect(utc(mbox.chats.get('node-mbox_test-1-message.mbox')!.messages[0]!.date.epochMs)).toBe('2011-12-25T13:33:37.000Z');
    expect(mbox.chats.has('node-mbox_test-attached.mbox')).toBe(false);
    expect(mbox.findings).toContainEqual(expect.objectContaining({ code: 'ITEM_UNREADABLE', file: 'x/node-mbox_test-attached.mbox' }));
  });

  it('helpdesks: Zendesk audits with side-loaded users, Freshdesk ticket and conversations', async () => {
    const zendesk = await chatsIn('helpdesk/zendesk');
    const audits = zendesk.chats.get('ticket_1_audits_include_users.response.json')!;
    expect(audits.messages[0]).toMatchObject({ sender: 'Steven Davidovitz', text: 'This is the first comment. Feel free to delete this sample ticket.' });
    expect(utc(audits.messages[0]!.date.epochMs)).toBe('2012-09-06T20:17:09.000Z');
    const freshdesk = await chatsIn('helpdesk/freshdesk');
    expect(freshdesk.chats.get('v2_conversations.json')!.messages.map((m) => m.sender)).toEqual(['agent (user 1)', 'Rachel']);
    expect(freshdesk.chats.get('v2_ticket_1.json')!.messages[0]!.text).toBe('This is a sample ticket, feel free to delete it.');
  });

  it('Instagram: the chat-miner DM export, newest first in the file, oldest first here', async () => {
    const { chats } = await chatsIn('instagram');
    const dm = chats.get('instagram_chatminer_test_export.json')!;
    expect(dm.format).toBe('Instagram');
    expect(dm.messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2019-12-24T11:23:00.000Z', 'Jane Doe', 'Hello John!'],
      ['2020-01-17T20:49:00.000Z', 'John Doe', 'Hello Jane!'],
    ]);
  });
});
