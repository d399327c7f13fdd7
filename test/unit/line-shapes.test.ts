import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { CHATS, codes, readChatFixture, utc } from '../helpers/read-chat-case.js';

/** LINE .txt shapes the first fixtures left out (written by scripts/make-export-shape-fixtures.mjs). */
describe('LINE .txt, more of what the apps write', () => {
  it('reads Traditional Chinese: 上午/下午 before the time with or without a space, a quoted message, a system line', async () => {
    expect(detectFormat(await readFile(join(CHATS, 'line', 'line-zh-tw.txt')), 'chat.txt')?.id).toBe('line');
    const { chat, messages, findings } = await readChatFixture('line/line-zh-tw.txt');
    expect(chat.title).toBe('LINE chat with Dana Client');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender ?? null, m.system ?? false, m.text])).toEqual([
      ['2024-03-14T10:22:00.000Z', 'Dana Client', false, 'SENTINEL-Z1 你好，檔案收到了'],
      ['2024-03-14T11:05:00.000Z', 'Sam Seller', false, 'SENTINEL-Z2 兩點：\n1. 授權是你的\n2. 更新免費'],
      ['2024-03-14T12:30:00.000Z', 'Dana Client', false, '[照片]'],
      ['2024-03-14T19:04:00.000Z', null, true, 'Sam Seller已收回訊息'],
      ['2024-03-15T00:10:00.000Z', 'Dana Client', false, 'SENTINEL-Z3 謝謝！'],
    ]);
    expect(codes(findings)).toEqual([]);
  });

  it("reads the desktop app's hour 24 as the first hour of the day above it, not as text of the message before", async () => {
    const { messages, findings } = await readChatFixture('line/line-desktop-hour24.txt');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, /SENTINEL-\w\d/.exec(m.text)?.[0]])).toEqual([
      ['2024-03-14T23:58:00.000Z', 'Dana Client', 'SENTINEL-H1'],
      ['2024-03-15T00:03:00.000Z', 'Sam Seller', 'SENTINEL-H2'],
      ['2024-03-15T00:59:00.000Z', 'Dana Client', 'SENTINEL-H3'],
      ['2024-03-15T09:00:00.000Z', 'Sam Seller', 'SENTINEL-H4'],
    ]);
    expect(codes(findings)).toEqual([]);
  });
});
