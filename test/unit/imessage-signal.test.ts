import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { CHATS, codes, readChatFixture, utc } from '../helpers/read-chat-case.js';

const detected = async (path: string, name: string) => detectFormat(await readFile(join(CHATS, path)), name)?.id;
const sentinels = (messages: readonly { text: string }[]) => messages.flatMap((m) => /SENTINEL-(\w+\d)/.exec(m.text)?.[1] ?? []);

describe('iMessage via imessage-exporter', () => {
  it('is known by its content, TXT and HTML, and an ordinary web page is not', async () => {
    expect(await detected('imessage/Dana Client.txt', 'chat.log')).toBe('imessage-txt');
    expect(await detected('imessage/Dana Client.html', 'page.html')).toBe('imessage-html');
    expect(await detected('imessage/not-a-chat.html', 'messages.html')).toBeUndefined();
    expect(await detected('line/line-en-ios.txt', 'x.txt')).toBe('line');
  });

  it('TXT: senders ("Me" for the owner), local times in the case zone, announcement, edits, tapbacks, a reply, attachments', async () => {
    const { chat, messages, findings } = await readChatFixture('imessage/Dana Client.txt');
    expect(chat.format).toBe('iMessage');
    expect(chat.title).toBe('iMessage with Dana Client');
    expect(messages).toHaveLength(6);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.000Z');
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:02:00.000Z');
    expect(messages.every((m) => m.date.zone === 'assumed:Europe/London')).toBe(true);
    expect(messages.map((m) => (m.system ? '(system)' : m.sender))).toEqual(['Dana Client', 'Me', '(system)', 'dana@example.com', 'Dana Client', 'Me']);
    expect(messages.filter((m) => m.isClient).length).toBe(3);
    expect(sentinels(messages)).toEqual(['I1', 'I2', 'I3', 'I4', 'I5']);
    expect(messages[0]!.attachments).toEqual(['attachments/3/IMG_0042.png']);
    expect(messages[0]!.text).toBe('SENTINEL-I1 Hi Sam, the files came through');
    expect(messages[1]!.text).toBe('SENTINEL-I2 Great, glad they arrived\nTapbacks:\nLoved by Dana Client');
    expect(messages[2]!.text).toBe('You named the conversation Theme order');
    expect(messages[3]!.text).toBe('Mar 14, 2024  1:05:00 PM SENTINEL-I3 first version\nEdited 2 minutes later: SENTINEL-I3 the edited version');
    expect(messages[4]!.text).toBe('This message was deleted from the conversation!\nSENTINEL-I4 my card was [card ending 4242]');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('HTML: the same conversation, the reply nested in its parent read as its own message', async () => {
    const { messages, findings } = await readChatFixture('imessage/Dana Client.html');
    expect(messages).toHaveLength(6);
    expect(sentinels(messages)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5']);
    expect(messages.map((m) => (m.system ? '(system)' : m.sender))).toEqual(['Dana Client', 'Me', '(system)', 'dana@example.com', 'Dana Client', 'Me']);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.000Z');
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:02:00.000Z');
    expect(messages[0]!.attachments).toEqual(['attachments/3/IMG_0042.png']);
    expect(messages[1]!.text).toBe('SENTINEL-H2 Great & glad they arrived\nTapbacks: Loved by Dana Client');
    expect(messages[2]!.text).toBe('You named the conversation Theme order');
    expect(messages[3]!.text).toBe('Mar 14, 2024  1:05:00 PM SENTINEL-H3 first version\nEdited 2 minutes later: SENTINEL-H3 the edited version');
    expect(messages[4]!.text).toBe('SENTINEL-H4 my card was [card ending 4242]');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('says what is damaged: a TXT whose head is lost and a date that is none, an HTML page cut short', async () => {
    const txt = await readChatFixture('imessage/damaged.txt');
    expect(sentinels(txt.messages)).toEqual(['ID1']);
    expect(codes(txt.findings)).toEqual(['CHAT_MESSAGE_UNDATED', 'ITEM_DAMAGED']);
    const html = await readChatFixture('imessage/Dana Client-cut.html');
    expect(sentinels(html.messages)).toEqual(['H1', 'H2', 'H3']);
    expect(String(html.findings.find((f) => f.code === 'ITEM_DAMAGED')?.args.detail)).toMatch(/cut short/);
  });
});
