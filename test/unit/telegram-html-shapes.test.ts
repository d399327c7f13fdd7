// The shapes tdesktop's export_output_html.cpp writes besides plain text, each read right:
// sender, instant with its offset, text in order (fixtures/chats/telegram-html/shapes, written from that shape).
import { describe, expect, it } from 'vitest';
import { readChatFixture, utc } from '../helpers/read-chat-case.js';

describe('Telegram Desktop HTML: every message shape the writer has', () => {
  it('via a bot, forwards (the joined one named), a reply to another chat, call, poll, location, signature, voice message', async () => {
    const { chat, messages, findings } = await readChatFixture('telegram-html/shapes/messages.html');
    expect(chat.title).toBe('Telegram chat: Dana Client');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const rows = messages.map((m) => ({ at: utc(m.date.epochMs), sender: m.sender, text: m.text, reply: m.inReplyTo }));
    expect(rows).toEqual([
      { at: '2024-03-14T10:00:00.000Z', sender: 'Sam Seller', text: '(via @shopbot)\nSENTINEL-TS1 your order', reply: undefined },
      { at: '2024-03-14T10:01:00.000Z', sender: 'Sam Seller', text: '(forwarded from Bank Notice)\nSENTINEL-TS2 payment received', reply: undefined },
      { at: '2024-03-14T10:01:00.000Z', sender: 'Sam Seller', text: '(forwarded from Bank Notice)\nSENTINEL-TS3 receipt attached', reply: undefined },
      { at: '2024-03-14T10:30:00.000Z', sender: 'Dana Client', text: 'SENTINEL-TS4 got it', reply: 'In reply to a message in another chat' },
      { at: '2024-03-14T10:31:00.000Z', sender: 'Dana Client', text: '[Dana Client — Outgoing (34 seconds)]', reply: undefined },
      { at: '2024-03-14T11:00:00.000Z', sender: 'Sam Seller', text: 'SENTINEL-TS6 Which colour?\nAnonymous poll\n- Blue 1 vote\n1 vote', reply: undefined },
      {
        at: '2024-03-14T11:02:00.000Z',
        sender: 'Sam Seller',
        text: '[Location — 51.5, -0.12] https://maps.google.com/maps?q=51.5,-0.12&ll=51.5,-0.12&z=16',
        reply: undefined,
      },
      { at: '2024-03-14T11:03:00.000Z', sender: 'Sam Seller', text: 'SENTINEL-TS8 shipped today\n— Sam', reply: undefined },
      {
        at: '2024-03-14T12:00:00.000Z',
        sender: 'Dana Client',
        text: '[Voice message — Not included, change data exporting settings to download. — 0:05, 12.0 KB]',
        reply: undefined,
      },
    ]);
    expect(messages.every((m) => m.date.zone === 'offset')).toBe(true);
    expect(messages.filter((m) => m.isClient).map((m) => m.text.slice(0, 20))).toEqual(['SENTINEL-TS4 got it', '[Dana Client — Outgo', '[Voice message — Not']);
  });
});
