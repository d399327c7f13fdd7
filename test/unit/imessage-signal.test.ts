import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { CHATS, codes, readChatCase, readChatFixture, utc } from '../helpers/read-chat-case.js';

const detected = async (path: string, name: string) => detectFormat(await readFile(join(CHATS, path)), name)?.id;
const sentinels = (messages: readonly { text: string }[]) => messages.flatMap((m) => /SENTINEL-(\w+\d)/.exec(m.text)?.[1] ?? []);

describe('iMessage via imessage-exporter', () => {
  it('is known by its content, TXT and HTML, and an ordinary web page is not', async () => {
    expect(await detected('imessage/Dana Client.txt', 'chat.log')).toBe('imessage-txt');
    expect(await detected('imessage/Dana Client.html', 'page.html')).toBe('imessage-html');
    expect(await detected('imessage/not-a-chat.html', 'messages.html')).toBeUndefined();
    expect(await detected('line/line-en-ios.txt', 'x.txt')).toBe('line');
  });

  it('refuses a web page that is no chat, naming what it looked like', async () => {
    const { chats, findings } = await readChatFixture('imessage/not-a-chat.html', undefined, 'messages.html');
    expect(chats).toHaveLength(0);
    const refusal = findings.find((f) => f.code === 'ITEM_UNSUPPORTED');
    expect(String(refusal?.args.detail)).toMatch(/^an HTML page titled "Order confirmation"/);
  });

  it('HTML: a sticker placed on a message among its reactions is not taken for a file its sender sent', async () => {
    const html = (await readFile(join(CHATS, 'imessage/Dana Client.html'), 'utf8')).replace(
      '<b>Loved</b> by Dana Client</span></div>',
      '<b>Loved</b> by Dana Client</span></div>\n<img src="attachments/3/sticker-placed.png" loading="lazy">',
    );
    // The test can fail: the fixture must hold the reaction the sticker is put beside.
    expect(html).toContain('sticker-placed.png');
    const { chats } = await readChatCase({ 'Dana Client.html': html });
    const messages = chats[0]!.messages;
    const placedOn = messages.find((m) => m.text.includes('SENTINEL-H2'))!;
    expect(placedOn.sender).toBe('Me');
    expect(placedOn.attachments ?? []).not.toContain('attachments/3/sticker-placed.png');
    expect(placedOn.text).toContain('Stickers placed on this message: 1 (the export does not say by whom)');
    expect(messages.flatMap((m) => m.attachments ?? [])).toEqual(['attachments/3/IMG_0042.png']);
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

describe('Signal via signal-export', () => {
  it('is known by its content: chat.md and index.html', async () => {
    expect(await detected('signal/Dana Client/chat.md', 'notes.txt')).toBe('signal-md');
    expect(await detected('signal/Dana Client/index.html', 'page.html')).toBe('signal-html');
    expect(await detected('imessage/not-a-chat.html', 'index.html')).toBeUndefined();
  });

  it('reads a conversation folder from chat.md: senders, local times, the reply, reactions, the photo after its message', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { 'Dana Client': 'signal/Dana Client' });
    expect(chats).toHaveLength(1);
    const { messages } = chats[0]!;
    expect(chats[0]!.format).toBe('Signal');
    expect(chats[0]!.title).toBe('Signal chat: Dana Client');
    expect(messages).toHaveLength(6);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.000Z');
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:45:00.000Z');
    expect(messages.every((m) => m.date.zone === 'assumed:Europe/London')).toBe(true);
    expect(messages.map((m) => m.sender)).toEqual(['Dana Client', 'Me', 'Dana Client', 'Me', 'Me', 'Dana Client']);
    expect(messages.filter((m) => m.isClient)).toHaveLength(3);
    expect(sentinels(messages)).toEqual(['SG1', 'SG2', 'SG3', 'SG4']);
    // In its folder a message names each file by the file's own name (alone, by its path: see below).
    expect(messages[0]).toMatchObject({ text: 'SENTINEL-SG1 Hi Sam, the files arrived', attachments: ['IMG_0042.png'] });
    expect(messages[1]).toMatchObject({
      text: 'SENTINEL-SG2 Glad to hear it\nReactions: Dana Client: \u{1F44D}',
      inReplyTo: 'reply to: SENTINEL-SG1 Hi Sam, the files arrived',
    });
    expect(messages[2]!.text).toBe('SENTINEL-SG3 Two things:\nthe licence works\nand [card ending 4242] was charged');
    expect(messages[3]!.text).toBe('(This message was deleted)');
    expect(messages[5]!.attachments).toEqual(['My Invoice.pdf']);
    const image = analysis.exhibits.find((e) => e.kind === 'image');
    expect(image?.kind === 'image' && image.follows).toEqual({ file: chats[0]!.file, seq: messages[0]!.seq });
    expect(image?.source.file).toBe('Dana Client/media/IMG_0042.png');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('reads index.html alone: a message drawn under the one before takes its sender and time', async () => {
    const { chat, messages, findings } = await readChatFixture('signal/Dana Client/index.html');
    expect(chat.title).toBe('Signal chat: Dana Client');
    expect(messages).toHaveLength(6);
    expect(sentinels(messages)).toEqual(['HG1', 'HG2', 'HG3', 'HG4']);
    expect(messages.map((m) => (m.system ? '(system)' : m.sender))).toEqual(['Dana Client', 'Me', 'Me', 'Me', '(system)', 'Dana Client']);
    expect(messages[2]!.date.epochMs).toBe(messages[1]!.date.epochMs);
    expect(messages[2]!.date.text).toMatch(/without its own time/);
    expect(messages[1]).toMatchObject({
      text: 'SENTINEL-HG2 Glad to hear it\nReactions: Dana Client: \u{1F44D}',
      inReplyTo: 'reply to: SENTINEL-HG1 Hi Sam, the files arrived',
    });
    expect(messages[3]!.text).toBe('This message was deleted');
    expect(messages[4]!.text).toBe('Outgoing voice call (accepted, 2m 5s)');
    expect(messages[0]!.attachments).toEqual(['media/IMG_0042.png']);
    expect(messages[5]!.attachments).toEqual(['media/My Invoice.pdf']);
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:45:00.000Z');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('says what is damaged: lines before any message, a date that is none, a page cut short', async () => {
    const md = await readChatFixture('signal/chat-damaged.md');
    expect(sentinels(md.messages)).toEqual(['SG3', 'SG4']);
    expect(codes(md.findings)).toEqual(['CHAT_MESSAGE_UNDATED', 'ITEM_DAMAGED', 'SENSITIVE_CARD_NUMBER']);
    const html = await readChatFixture('signal/index-cut.html');
    expect(sentinels(html.messages)).toEqual(['HG1', 'HG2']);
    expect(codes(html.findings)).toContain('ITEM_DAMAGED');
  });
});
