import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

async function readChat(fixture: string) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), 'case: kinds\ntimezone: UTC\nclient:\n  name: Dana Client\n  email: dana@example.com\n');
  const name = fixture.split('/').at(-1)!;
  await copyFile(join(FIXTURES, 'chats', fixture), join(dir, name));
  const analysis = await analyzeCase(dir);
  const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
  return { messages: chat.messages, findings: analysis.findings.filter((f) => f.file === name) };
}

describe('no message prints empty', () => {
  it('Telegram: every kind of message Telegram Desktop exports says what it was', async () => {
    const { messages, findings } = await readChat('telegram/message-kinds.json');
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ['Sam Seller', 'create group: Logo project, Dana Client, Sam Seller'],
      ['Dana Client', 'Poll: Which colour? — red / blue'],
      ['Dana Client', 'Contact: Dana Client, +44 7700 900123'],
      ['Dana Client', 'Location: 51.50214569326172, -0.1195068359375'],
      ['Dana Client', 'Live location: 48.858093, 2.294694'],
      ['Dana Client', 'Venue: Tate Modern, Bankside, London SE1 9TG (51.507595, -0.099356)'],
      ['Dana Client', 'Dice 🎲: 4'],
      ['Sam Seller', 'Game: Lumberjack — Chop wood'],
      ['Sam Seller', 'Invoice: Logo design — Final files, 499.00 USD'],
      ['Dana Client', 'send payment: 499.00 USD'],
      ['Dana Client', 'Sticker 👍'],
      ['Dana Client', 'Voice message (0:12)'],
      ['Dana Client', 'Video message (0:07)'],
      ['Dana Client', 'GIF'],
      ['Sam Seller', 'Audio: Band – Song (3:20)'],
      ['Sam Seller', 'phone call: 1:05, hangup'],
      ['Sam Seller', 'invite members: Alex Helper'],
      ['Sam Seller', 'Giveaway: 3 prize(s)'],
      ['Sam Seller', 'Paid media (50 stars)'],
      ['Sam Seller', '(message with no content in the export)'],
      ['Sam Seller', 'gift code created'],
      ['Dana Client', 'SENTINEL-K1 All received, thanks'],
    ]);
    expect(messages.every((m) => m.text.trim() !== '')).toBe(true);
    // The kinds it does not know are named, with the message: a new media key, a new action, an unsupported message.
    expect(findings.filter((f) => f.code === 'CHAT_MESSAGE_KIND_UNKNOWN').map((f) => f.args)).toEqual([
      { where: 'messages[19]', kind: 'story_information' },
      { where: 'messages[20]', kind: 'action gift_code_created' },
      { where: 'messages[21]', kind: 'type "unsupported"' },
    ]);
  });
});

describe('Discord', () => {
  it('in a two-person DM, the client matched by nickname is one account: the other person’s display name does not make their messages the client’s', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), 'case: dm\ntimezone: UTC\nclient:\n  name: Dana Kim\n  email: dana@example.com\n  aliases: [Dana]\n');
    await copyFile(join(FIXTURES, 'chats', 'discord', 'dm-shared-name.json'), join(dir, 'dm.json'));
    const analysis = await analyzeCase(dir);
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages.map((m) => [m.sender, m.isClient ?? false])).toEqual([
      ['Dana', true],
      ["Sam's shop", false],
      ["Sam's shop", false],
      ['Dana', true],
      ["Sam's shop", false],
      ['Dana', true],
    ]);
  });

  it('embeds, stickers and calls say what they were', async () => {
    const { messages, findings } = await readChat('discord/dm-shared-name.json');
    expect(messages.map((m) => m.text)).toEqual([
      'SENTINEL-D1 Hi, is the logo ready?',
      'SENTINEL-D2 Yes, here it is',
      'Embed: Logo preview — Final version (https://example.com/logo)',
      'Sticker: thumbs up',
      'Call (ended 2024-03-14T10:12:00+00:00)',
      'Channel Pinned Message',
    ]);
    expect(findings.filter((f) => f.code === 'CHAT_MESSAGE_KIND_UNKNOWN')).toEqual([]);
  });
});

describe('every chat adapter', () => {
  it('names a message with no text and no attachment, and prints a line for it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), 'case: empty\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    const message = (content: string, t: number) => ({ sender_name: 'Dana Client', timestamp_ms: 1710410000000 + t, content });
    await writeFile(
      join(dir, 'message_1.json'),
      JSON.stringify({ participants: [{ name: 'Dana Client' }, { name: 'Sam Seller' }], title: 'Sam Seller', messages: [message('', 2), message('Hello', 1)] }),
    );
    const analysis = await analyzeCase(dir);
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages.map((m) => m.text)).toEqual(['Hello', '(message with no content in the export)']);
    expect(analysis.findings.filter((f) => f.code === 'CHAT_MESSAGE_KIND_UNKNOWN')).toEqual([
      expect.objectContaining({ file: 'message_1.json', args: { where: 'messages[0]', kind: 'a message with no text or attachment' } }),
    ]);
  });
});

describe('Slack', () => {
  it('a huddle and a message with only a subtype say what they were', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), 'case: slack\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    await mkdir(join(dir, 'slack', 'project'), { recursive: true });
    await writeFile(
      join(dir, 'slack', 'users.json'),
      JSON.stringify([{ id: 'U1', name: 'dana', profile: { real_name: 'Dana Client', email: 'dana@example.com' } }]),
    );
    await writeFile(join(dir, 'slack', 'channels.json'), JSON.stringify([{ id: 'C1', name: 'project' }]));
    await writeFile(
      join(dir, 'slack', 'project', '2024-03-14.json'),
      JSON.stringify([
        {
          type: 'message',
          subtype: 'huddle_thread',
          user: 'U1',
          text: '',
          ts: '1710411753.000100',
          room: { name: 'Logo review', date_start: 1710411753, date_end: 1710413553 },
        },
        { type: 'message', subtype: 'tombstone', user: 'U1', text: '', ts: '1710411800.000100' },
        { type: 'message', user: 'U1', text: '', ts: '1710411900.000100' },
      ]),
    );
    const analysis = await analyzeCase(dir);
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages.map((m) => m.text)).toEqual(['Huddle: Logo review (30 min)', '(tombstone)', '(message with no content in the export)']);
    expect(analysis.findings.filter((f) => f.code === 'CHAT_MESSAGE_KIND_UNKNOWN')).toHaveLength(1);
  });
});
