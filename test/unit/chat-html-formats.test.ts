import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import { describeCaseFiles } from '../../src/case/init-case.js';
import type { ChatExhibit, Finding } from '../../src/evidence/model.js';
import { detectFormat, SNIFF_BYTES } from '../../src/formats/index.js';
import { splitLocalDate } from '../../src/formats/html-chat/local-date.js';
import { telegramTitleDate } from '../../src/formats/telegram/html-page.js';
import { describeFinding } from '../../src/rules/codes.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');
const YAML = `case: html-chats
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
  aliases: [dana_c, dana.client]
`;

/** A case holding the given fixtures (files or folders) under the given names. */
async function readCase(copies: Record<string, string>, yaml = YAML) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), yaml);
  for (const [name, from] of Object.entries(copies)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await cp(join(CHATS, from), join(dir, name), { recursive: true });
  }
  const analysis = await analyzeCase(dir);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { analysis, chats, chat: chats[0]!, findings: analysis.findings };
}

const utc = (ms: number) => new Date(ms).toISOString();
const codes = (findings: readonly Finding[], file?: string) =>
  findings
    .filter((f) => file === undefined || f.file === file)
    .map((f) => f.code)
    .sort();
const sample = async (path: string) => (await readFile(join(CHATS, path))).subarray(0, SNIFF_BYTES);

describe('detection by content, not by name', () => {
  it.each([
    ['telegram-html/ChatExport_2024-03-14/messages.html', 'telegram-html'],
    ['discord/export.html', 'discord-html'],
    ['discord/export.txt', 'discord-txt'],
    ['meta/facebook-html/message_1.html', 'messenger-html'],
    ['meta/instagram-html/message_1.html', 'messenger-html'],
    ['meta/facebook-html-fr-2019/message_1.html', 'messenger-html'],
  ])('%s is %s, whatever it is named', async (path, id) => {
    const bytes = await sample(path);
    expect(detectFormat(bytes, path)?.id).toBe(id);
    expect(detectFormat(bytes, 'renamed.dat')?.id).toBe(id);
  });

  it('a page of the Facebook download that is not a conversation (posts) is not read as one', async () => {
    const posts = Buffer.from(
      '<html><head><title>Your posts</title></head><body><div class="_3-95 _a6-g"><h2 class="_2ph_ _a6-h _a6-i">Dana Client updated her status.</h2><div class="_2ph_ _a6-p">Hello</div><div class="_3-94 _a6-o"><div class="_a72d">Dec 25, 2020 11:30:00 pm</div></div></div></body></html>',
    );
    expect(detectFormat(posts, 'your_posts_1.html')).toBeUndefined();
    expect(detectFormat(posts, 'messages/inbox/x/message_1.html')?.id).toBe('messenger-html');
  });

  it('an HTML page named messages.html, or any page, is none of them', async () => {
    expect(detectFormat(await sample('html/fake-telegram-folder/messages.html'), 'messages.html')).toBeUndefined();
    expect(detectFormat(await sample('html/order-confirmation.html'), 'message_1.html')).toBeUndefined();
  });

  it('an arbitrary HTML page, alone or as a folder shaped like a Telegram export, is refused whole, naming what it looked like', async () => {
    const { chats, findings } = await readCase({ 'order.html': 'html/order-confirmation.html', ChatExport_x: 'html/fake-telegram-folder' });
    expect(chats).toHaveLength(0);
    const refused = findings.filter((f) => f.code === 'ITEM_UNSUPPORTED');
    expect(refused.map((f) => f.file).sort()).toEqual(['ChatExport_x/', 'order.html']);
    expect(String(refused.find((f) => f.file === 'order.html')!.args.detail)).toContain('an HTML page titled "Order #1042 confirmed"');
    expect(String(refused.find((f) => f.file === 'ChatExport_x/')!.args.detail)).toContain('"Messages – My Blog"');
  });

  it('a site’s folder with a messages.html and photos is not taken for an export: its files are read one by one', async () => {
    const { chats, findings, analysis } = await readCase({ site: 'html/site-folder' });
    expect(chats).toHaveLength(0);
    expect(findings.filter((f) => f.code === 'ITEM_UNSUPPORTED').map((f) => f.file)).toEqual(['site/messages.html']);
    expect(analysis.sources.map((s) => s.file).sort()).toEqual(['site/messages.html', 'site/photos/team.jpg']);
  });
});

describe('Telegram Desktop HTML export', () => {
  it('a split export folder is one exhibit: every message, the joined ones given their sender, times with their offset', async () => {
    const { chats, chat, findings, analysis } = await readCase({ ChatExport_2024: 'telegram-html/ChatExport_2024-03-14' });
    expect(chats).toHaveLength(1);
    expect(chat.format).toBe('Telegram');
    expect(chat.title).toBe('Telegram chat: Dana Client');
    const m = chat.messages;
    expect(m).toHaveLength(7);
    expect(m.map((x) => x.sender ?? '(service)')).toEqual(['Sam Seller', 'Sam Seller', '(service)', 'Dana Client', 'Dana Client', 'Sam Seller', 'Dana Client']);
    expect(m.filter((x) => x.isClient)).toHaveLength(3);
    expect(utc(m[0]!.date.epochMs)).toBe('2024-03-14T07:00:00.000Z');
    expect(utc(m.at(-1)!.date.epochMs)).toBe('2024-03-15T06:30:00.000Z');
    expect(m[0]!.date).toMatchObject({ zone: 'offset', offsetMinutes: 180, text: '14.03.2024 10:00:00 UTC+03:00' });
    const order = ['SENTINEL-TG1', 'SENTINEL-TG2', 'pinned', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6'];
    order.forEach((s, i) => expect(m[i]!.text).toContain(s));
    expect(m[2]!.system).toBe(true);
    expect(m[3]!.inReplyTo).toBe('reply to Sam Seller');
    expect(m[4]!.text).toContain('(forwarded from Bank Notice)');
    expect(m[5]!.text).toContain('[invoice.pdf — Not included');
    expect(m[6]!.text).toBe('SENTINEL-TG6 Thanks, all good\nsecond line');
    // A link's words keep its address beside them: the packet cannot be clicked.
    expect(m[0]!.text).toBe('SENTINEL-TG1 Hello Dana, the theme is ready. See our terms (https://acme.example/terms)');
    // The card number is masked; what is not one is left alone.
    expect(m[3]!.text).toContain('[card ending 1111]');
    expect(m[3]!.text).toContain('it works & looks great');
    expect(codes(findings, 'ChatExport_2024/')).toEqual(['SENSITIVE_CARD_NUMBER']);
    // The photo follows its message; every file of the folder is hashed for the appendix.
    const photo = analysis.exhibits.find((e) => e.kind === 'image')!;
    expect(photo.file).toBe('ChatExport_2024/photos/photo_1@14-03-2024_10-05-30.jpg');
    expect(photo.follows).toEqual({ file: 'ChatExport_2024/', seq: m[1]!.seq });
    expect(analysis.sources.filter((s) => s.partOf === 'ChatExport_2024/').length).toBe(6);
  });

  it('init lists the export folder once, with its format and its first and last message', async () => {
    const dir = await tempDir();
    await cp(join(CHATS, 'telegram-html/ChatExport_2024-03-14'), join(dir, 'ChatExport_2024'), { recursive: true });
    await cp(join(CHATS, 'discord/export.html'), join(dir, 'export.html'));
    const files = await describeCaseFiles(dir, { tz: 'Europe/London', clientName: 'Dana Client', clientEmail: 'dana@example.com' });
    expect(files.map((f) => [f.file, f.format, f.chat?.messages])).toEqual([
      ['ChatExport_2024/', 'telegram-html', 7],
      ['export.html', 'discord-html', 5],
    ]);
    expect(files[0]!.chat!.first).toContain('2024-03-14');
  });

  it('a whole-account export is one exhibit: each chat a conversation, the photo after its message, the summary pages not evidence', async () => {
    const { chats, analysis, findings } = await readCase({ 'Telegram Desktop/DataExport_2024-03-20': 'telegram-html/DataExport_2024-03-20' });
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    expect(chat.title).toBe('Telegram account export (2 chats)');
    expect(chat.messages.map((m) => [m.conversation, m.sender, m.text.slice(0, 12)])).toEqual([
      ['Dana Client', 'Dana Client', 'SENTINEL-TA1'],
      ['Print Shop', 'Print Shop', 'SENTINEL-TA3'],
      ['Print Shop', 'Print Shop', '[sticker]'],
      ['Dana Client', 'Sam Seller', 'SENTINEL-TA2'],
    ]);
    // The sticker is said, not shown: the one image is the photo.
    expect(analysis.exhibits.filter((e) => e.kind === 'image')).toHaveLength(1);
    const photo = analysis.exhibits.find((e) => e.kind === 'image')!;
    expect(photo.file).toBe('Telegram Desktop/DataExport_2024-03-20/chats/chat_01/photos/photo_2@14-03-2024_11-00-00.jpg');
    expect(photo.follows?.seq).toBe(chat.messages[3]!.seq);
    expect(codes(findings)).toEqual([]);
  });

  it('select and notes apply; a photo whose message is not selected is not shown', async () => {
    const yaml = `${YAML}items:\n  - file: ChatExport_2024/\n    select: { match: [Approved] }\n    notes:\n      - match: Approved\n        note: The client approves\n`;
    const { chat, analysis } = await readCase({ ChatExport_2024: 'telegram-html/ChatExport_2024-03-14' }, yaml);
    expect(chat.messages.map((m) => m.text.slice(0, 12))).toEqual(['SENTINEL-TG3']);
    expect(chat.messages[0]!.note).toBe('The client approves');
    expect(analysis.exhibits.some((e) => e.kind === 'image')).toBe(false);
  });

  it('a message sent via a bot is its sender’s, the bot said in the text', async () => {
    const page = (await readFile(join(CHATS, 'telegram-html/old-no-offset.html'), 'utf8')).replace('\nSam Seller\n', '\nSam Seller via @shopbot\n');
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), YAML);
    await writeFile(join(dir, 'messages.html'), page);
    const m = ((await analyzeCase(dir)).exhibits[0] as ChatExhibit).messages;
    expect(m.map((x) => [x.sender, x.text])).toEqual([
      ['Sam Seller', '(via @shopbot)\nSENTINEL-TO1 hello'],
      ['Sam Seller', 'SENTINEL-TO2 joined'],
    ]);
  });

  it('an old export without offsets is read in the case’s zone; a lone page is read too', async () => {
    const { chat } = await readCase({ 'messages.html': 'telegram-html/old-no-offset.html' });
    expect(chat.messages.map((m) => [m.sender, utc(m.date.epochMs), m.date.zone])).toEqual([
      ['Sam Seller', '2024-03-14T10:00:00.000Z', 'assumed:Europe/London'],
      ['Sam Seller', '2024-03-14T10:01:00.000Z', 'assumed:Europe/London'],
    ]);
  });

  it('damaged: a page cut short and a garbled time are findings; the cut message is left out, not shown half', async () => {
    const { chat, findings } = await readCase({ cut: 'telegram-html/cut-short' });
    expect(chat.messages.map((m) => m.text)).toEqual(['SENTINEL-TD1 first']);
    expect(codes(findings, 'cut/')).toEqual(['CHAT_CLIENT_ABSENT', 'CHAT_MESSAGE_UNDATED', 'ITEM_DAMAGED']);
  });

  it('tdesktop writes its zone’s standard offset also in summer: with the case’s zone the summer time is right', () => {
    // Berlin, 14 July 2024 14:00 local (CEST, UTC+2) is 12:00Z; tdesktop writes "UTC+01:00".
    expect(utc(telegramTitleDate('14.07.2024 14:00:00 UTC+01:00', 'Europe/Berlin')!.epochMs)).toBe('2024-07-14T12:00:00.000Z');
    expect(telegramTitleDate('14.07.2024 14:00:00 UTC+01:00', 'Europe/Berlin')).toMatchObject({ zone: 'offset', offsetMinutes: 120 });
    expect(utc(telegramTitleDate('14.01.2024 14:00:00 UTC+01:00', 'Europe/Berlin')!.epochMs)).toBe('2024-01-14T13:00:00.000Z');
    // A case zone of another standard offset says nothing about the exporting computer: the written offset is used.
    expect(utc(telegramTitleDate('14.07.2024 14:00:00 UTC+01:00', 'America/New_York')!.epochMs)).toBe('2024-07-14T13:00:00.000Z');
    expect(utc(telegramTitleDate('14.07.2024 14:00:00 UTC-05:00', 'America/New_York')!.epochMs)).toBe('2024-07-14T18:00:00.000Z');
  });

  it('says once per export when a written standard offset may put summer times an hour off (CHAT_TIMEZONE_STANDARD_OFFSET)', async () => {
    const original = await readFile(join(CHATS, 'telegram-html/old-no-offset.html'), 'utf8');
    const titles = [...original.matchAll(/title="(\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2})"/g)].map((m) => m[1]!);
    expect(titles).toHaveLength(2);
    const withOffset = (day: string, offset: string) => original.replace(/title="\d{2}\.\d{2}\.\d{4} (\d{2}:\d{2}:\d{2})"/g, `title="${day} $1 UTC${offset}"`);
    const findingsFor = async (page: string, yaml: string) => {
      const dir = await tempDir();
      await writeFile(join(dir, 'case.yaml'), yaml);
      await writeFile(join(dir, 'messages.html'), page);
      return (await analyzeCase(dir)).findings.filter((f) => f.code === 'CHAT_TIMEZONE_STANDARD_OFFSET');
    };
    const noZone = YAML.replace('timezone: Europe/London\n', '');
    // Summer, written +01:00: Berlin, Paris… were on +02:00; London's standard offset is 0.
    const london = await findingsFor(withOffset('14.07.2024', '+01:00'), YAML);
    expect(london).toHaveLength(1);
    expect(london[0]!.severity).toBe('warning');
    const said = describeFinding(london[0]!);
    expect(said.message).toContain('(UTC+01:00)');
    expect(said.message).toContain('Europe/London has another standard offset');
    expect(said.hint).toContain('`timezone:` in case.yaml');
    expect(String(london[0]!.args.zones)).toMatch(/Europe\//);
    const none = await findingsFor(withOffset('14.07.2024', '+01:00'), noZone);
    expect(none.map((f) => describeFinding(f).message.includes('the case has no time zone'))).toEqual([true]);
    // UK computer in summer (written +00:00) and no case zone: London was on +01:00.
    expect(await findingsFor(withOffset('14.07.2024', '+00:00'), noZone)).toHaveLength(1);
    // The case's zone has the written standard offset: summer times are read in it, right.
    expect(await findingsFor(withOffset('14.07.2024', '+01:00'), YAML.replace('Europe/London', 'Europe/Berlin'))).toEqual([]);
    // Winter: no zone whose standard offset is +01:00 is on daylight-saving time.
    expect(await findingsFor(withOffset('14.01.2024', '+01:00'), YAML)).toEqual([]);
    // An offset no zone with daylight-saving time has as its standard one (Moscow, +03:00).
    expect(await findingsFor(withOffset('14.07.2024', '+03:00'), YAML)).toEqual([]);
    // Old exports write no offset: read in the case's zone, nothing to say.
    expect(await findingsFor(original, YAML)).toEqual([]);
  });

  it('reads tdesktop’s title times exactly, whatever the offset (seeded)', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 300; i++) {
      const epoch = Date.UTC(2015, 0, 1) + rand(10 * 365) * 86_400_000 + rand(86_400) * 1000;
      const offset = (rand(27 * 4) - 12 * 4) * 15;
      const local = new Date(epoch + offset * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      const sign = offset < 0 ? '-' : '+';
      const title = `${p(local.getUTCDate())}.${p(local.getUTCMonth() + 1)}.${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} UTC${sign}${p(Math.floor(Math.abs(offset) / 60))}:${p(Math.abs(offset) % 60)}`;
      expect(telegramTitleDate(title, undefined)?.epochMs, title).toBe(epoch);
    }
  });
});

describe('DiscordChatExporter HTML and TXT', () => {
  it('HTML: nickname and user name, group follow-ups, reply, edit, attachment, embed, system line', async () => {
    const { chat, findings } = await readCase({ 'export.html': 'discord/export.html' });
    const m = chat.messages;
    expect(chat.title).toBe('Discord: Acme Themes › #Support / orders');
    expect(m).toHaveLength(5);
    expect([...new Set(m.map((x) => x.sender))]).toEqual(['Sam Seller (samseller)', 'Dana Client (dana_c)']);
    expect(m.filter((x) => x.isClient)).toHaveLength(2);
    expect(utc(m[0]!.date.epochMs)).toBe('2024-03-14T09:00:00.000Z');
    expect(utc(m.at(-1)!.date.epochMs)).toBe('2024-03-15T13:30:00.000Z');
    expect(m[0]!.date.zone).toBe('assumed:Europe/London');
    expect(m[1]!.attachments).toEqual(['preview.png']);
    expect(m[1]!.text).toContain('[embed] Order #1042\nSENTINEL-DC2 embed text');
    expect(m[2]!.text).toBe('SENTINEL-DC3 Got it,\nthanks (edited 3/14/2024 10:00 AM)');
    expect(m[2]!.inReplyTo).toBe('reply to Sam Seller');
    expect(m[3]!).toMatchObject({ system: true, text: 'Sam Seller pinned a message to this channel.' });
    expect(m[4]!.text).toBe('SENTINEL-DC4 All working 🎉\n(forwarded) Invoice #1042 paid (Originally sent: 3/13/2024 8:00 AM)');
    expect(m[4]!.attachments).toEqual(['invoice.pdf']);
    // Current versions' long-form titles are read (no day/month order to guess).
    expect(m[1]!.date.text).toBe('Thursday, March 14, 2024 9:01 AM');
    expect(codes(findings, 'export.html')).toEqual([]);
  });

  it('HTML of versions 2.28–2.33 (group header, time in each message’s title, dd-MMM-yy dates)', async () => {
    const { chat, findings } = await readCase({ 'old.html': 'discord/export-2.30.html' });
    expect(chat.messages.map((m) => [m.sender, utc(m.date.epochMs), m.text, m.attachments])).toEqual([
      ['Sam Seller (samseller#1234)', '2024-03-14T09:00:00.000Z', 'SENTINEL-DO1 invoice below', []],
      ['Sam Seller (samseller#1234)', '2024-03-14T09:02:00.000Z', 'SENTINEL-DO2 here', ['invoice.pdf']],
      ['Dana Client (dana_c#0001)', '2024-03-15T13:30:00.000Z', 'SENTINEL-DO3 thanks (edited 15-Mar-24 01:31 PM)', []],
    ]);
    expect(chat.messages.filter((m) => m.isClient)).toHaveLength(1);
    expect(codes(findings, 'old.html')).toEqual([]);
  });

  it('TXT reads the same messages, senders by user name', async () => {
    const { chat, findings } = await readCase({ 'export.txt': 'discord/export.txt' });
    const m = chat.messages;
    expect(m).toHaveLength(5);
    expect([...new Set(m.map((x) => x.sender))]).toEqual(['samseller', 'dana_c']);
    expect(m.filter((x) => x.isClient)).toHaveLength(2);
    expect([utc(m[0]!.date.epochMs), utc(m.at(-1)!.date.epochMs)]).toEqual(['2024-03-14T09:00:00.000Z', '2024-03-15T13:30:00.000Z']);
    expect(m[1]!.attachments).toEqual(['preview.png']);
    expect(m[4]!.text).toBe('SENTINEL-DC4 All working\n\n(forwarded)\nInvoice #1042 paid\nOriginally sent: 3/13/2024 8:00 AM\nReactions: 👍 (2)');
    expect(m[4]!.attachments).toEqual(['invoice.pdf']);
    expect(m[4]!.where).toMatch(/^line \d+$/);
    expect(codes(findings, 'export.txt')).toEqual([]);
  });

  it('written on Windows (CRLF), HTML and TXT read the same', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), YAML);
    for (const name of ['export.html', 'export.txt'])
      await writeFile(join(dir, name), (await readFile(join(CHATS, 'discord', name), 'utf8')).replace(/\n/g, '\r\n'));
    const chats = (await analyzeCase(dir)).exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
    expect(chats.map((c) => c.messages.length)).toEqual([5, 5]);
    for (const c of chats) expect(c.messages.every((m) => !m.text.includes('\r'))).toBe(true);
    expect(chats[0]!.messages[2]!.text).toContain('Got it,\nthanks');
  });

  it('a day and month both up to 12 is ambiguous unless dateOrder says which', async () => {
    const txt = (await readFile(join(CHATS, 'discord/export.txt'), 'utf8')).replace(/3\/1([45])\/2024/g, '3/$1/2024');
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), YAML);
    await writeFile(join(dir, 'export.txt'), txt);
    expect(codes((await analyzeCase(dir)).findings)).toContain('ITEM_DATE_AMBIGUOUS');
    await writeFile(join(dir, 'case.yaml'), `${YAML}items:\n  - file: export.txt\n    dateOrder: dmy\n`);
    const read = await analyzeCase(dir);
    expect(codes(read.findings)).not.toContain('ITEM_DATE_AMBIGUOUS');
    expect(utc((read.exhibits[0] as ChatExhibit).messages[0]!.date.epochMs)).toBe('2024-04-03T08:00:00.000Z');
  });

  it('a locale whose short format is not numeric (Korean "2024. 3. 14. 오후 1:30") is read too', async () => {
    const txt = (await readFile(join(CHATS, 'discord/export.txt'), 'utf8')).replace(
      /\[(\d+)\/(\d+)\/(\d+) (\d+:\d+) (AM|PM)\]/g,
      (_, m, d, y, t, half) => `[${y}. ${m}. ${d}. ${half === 'AM' ? '오전' : '오후'} ${t}]`,
    );
    expect(txt).toContain('[2024. 3. 15. 오후 1:30] dana_c');
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), YAML);
    await writeFile(join(dir, 'export.txt'), txt);
    const m = ((await analyzeCase(dir)).exhibits[0] as ChatExhibit).messages;
    expect(m.map((x) => utc(x.date.epochMs))).toEqual([
      '2024-03-14T09:00:00.000Z',
      '2024-03-14T09:01:00.000Z',
      '2024-03-14T09:45:00.000Z',
      '2024-03-14T10:05:00.000Z',
      '2024-03-15T13:30:00.000Z',
    ]);
  });

  it('damaged: a count that does not match, an export cut short (its last message left out)', async () => {
    const { chats, findings } = await readCase({ 'a.html': 'discord/export-damaged.html', 'b.txt': 'discord/export-cut.txt' });
    expect(codes(findings, 'a.html')).toEqual(['ITEM_DAMAGED']);
    expect(String(findings.find((f) => f.file === 'a.html')!.args.detail)).toContain('holds 6 message(s) but 5');
    expect(codes(findings, 'b.txt')).toEqual(['ITEM_DAMAGED']);
    expect(chats.find((c) => c.file === 'b.txt')!.messages).toHaveLength(4);
  });
});

describe('Facebook / Instagram HTML download', () => {
  it('2024 markup: oldest first, names repaired, media named, reactions kept', async () => {
    const { chat, findings } = await readCase({ 'fb/message_1.html': 'meta/facebook-html/message_1.html' });
    const m = chat.messages;
    expect(chat.format).toBe('Messenger');
    expect(m.map((x) => x.sender)).toEqual(['Dana Client', 'Sám Seller', 'Dana Client']);
    expect(m.filter((x) => x.isClient)).toHaveLength(2);
    expect([utc(m[0]!.date.epochMs), utc(m.at(-1)!.date.epochMs)]).toEqual(['2024-03-14T09:00:00.000Z', '2024-03-15T09:30:00.000Z']);
    expect(m[1]!.attachments).toEqual(['1234_5678.jpg', '1234_9999.jpg']);
    expect(m[2]!.text).toBe('SENTINEL-FB3 Everything works, thank you\nReactions: ❤Sám Seller');
    expect(codes(findings, 'fb/message_1.html')).toEqual([]);
  });

  it('a thread folder with its photos is one exhibit, the photo right after its message', async () => {
    const { chats, analysis } = await readCase({ 'facebook/messages/inbox/danaclient_1234': 'meta/facebook-html-thread' });
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    expect(chat.file).toBe('facebook/messages/inbox/danaclient_1234/');
    expect(chat.messages.map((m) => m.text.slice(0, 12))).toEqual(['SENTINEL-FB1', 'SENTINEL-FB2', 'SENTINEL-FB3', 'SENTINEL-FB4']);
    // The file's own stamps say its clock was an hour ahead of UTC in March (the case's London is not):
    // the zones that fit agree on March, not on July (Lagos stays +1, Paris goes +2): July is read at +1.
    expect(chat.messages.map((m) => [utc(m.date.epochMs), m.date.zone, m.date.offsetMinutes])).toEqual([
      ['2024-03-14T08:00:00.000Z', 'offset', 60],
      ['2024-03-14T09:05:30.000Z', 'offset', 60],
      ['2024-03-15T08:30:00.000Z', 'offset', 60],
      ['2024-07-02T17:00:00.000Z', 'offset', 60],
    ]);
    const photos = analysis.exhibits.filter((e) => e.kind === 'image');
    expect(photos.map((p) => p.file)).toEqual([
      'facebook/messages/inbox/danaclient_1234/photos/1234_5678.jpg',
      'facebook/messages/inbox/danaclient_1234/photos/1234_9999.jpg',
    ]);
    for (const photo of photos) {
      expect(photo.follows).toEqual({ file: chat.file, seq: chat.messages[1]!.seq });
      expect(photo.date.epochMs).toBe(chat.messages[1]!.date.epochMs);
    }
    expect(chat.messages[1]!.attachments).toEqual(['1234_5678.jpg', '1234_9999.jpg']);
  });

  it('with the case’s zone fitting the file’s stamps, a summer time is read in daylight-saving time', async () => {
    const yaml = YAML.replace('Europe/London', 'Europe/Paris');
    const { chat } = await readCase({ thread: 'meta/facebook-html-thread' }, yaml);
    expect(chat.messages.map((m) => [utc(m.date.epochMs), m.date.offsetMinutes])).toEqual([
      ['2024-03-14T08:00:00.000Z', 60],
      ['2024-03-14T09:05:30.000Z', 60],
      ['2024-03-15T08:30:00.000Z', 60],
      ['2024-07-02T16:00:00.000Z', 120],
    ]);
  });

  it('2022 Instagram markup and 2019 French markup', async () => {
    const { chats } = await readCase({
      'instagram/message_1.html': 'meta/instagram-html/message_1.html',
      'fr/message_1.html': 'meta/facebook-html-fr-2019/message_1.html',
    });
    const ig = chats.find((c) => c.file.startsWith('instagram'))!;
    expect(ig.format).toBe('Instagram');
    expect(ig.messages.map((x) => [x.sender, utc(x.date.epochMs), !!x.isClient])).toEqual([
      ['acme.themes', '2024-03-14T10:07:00.000Z', false],
      ['dana.client', '2024-03-14T16:15:00.000Z', true],
    ]);
    // The shared link's preview repeats the text: it is not shown twice.
    expect(ig.messages[0]!.text).toBe('SENTINEL-IG1 Your files:\nhttps://www.instagram.com/p/abc/');
    const fr = chats.find((c) => c.file.startsWith('fr'))!;
    expect(fr.messages.map((x) => [x.sender, utc(x.date.epochMs)])).toEqual([
      ['Sam Seller', '2024-03-14T10:22:00.000Z'],
      ['Dana Client', '2024-03-15T09:30:00.000Z'],
    ]);
  });

  it('times in every language Intl writes them (an independent formatter) are read back', () => {
    const d = new Date(Date.UTC(2024, 2, 14, 16, 7, 9));
    const locales = [
      'en-US',
      'en-GB',
      'fr',
      'de',
      'es',
      'it',
      'pt-BR',
      'nl',
      'pl',
      'tr',
      'sv',
      'da',
      'nb',
      'fi',
      'cs',
      'ro',
      'hu',
      'id',
      'ru',
      'uk',
      'el',
      'vi',
      'ca',
      'ja',
      'ko',
    ];
    for (const locale of locales) {
      for (const style of [
        { dateStyle: 'medium', timeStyle: 'short' },
        { dateStyle: 'long', timeStyle: 'medium' },
      ] as const) {
        const text = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' }).format(d);
        const p = splitLocalDate(text);
        expect(p && [p.year, p.numeric ? 'numeric' : p.month, p.numeric ? 'numeric' : p.day, p.hour, p.minute], `${locale}: ${text}`).toEqual([
          2024,
          p?.numeric ? 'numeric' : 3,
          p?.numeric ? 'numeric' : 14,
          16,
          7,
        ]);
      }
    }
  });

  it('damaged: cut short and an unreadable time are findings; nothing is shown half', async () => {
    const { chat, findings } = await readCase({ 'fb/message_1.html': 'meta/facebook-html-damaged/message_1.html' });
    expect(chat.messages.map((m) => m.text)).toEqual(['SENTINEL-FB2 Here is the preview']);
    expect(codes(findings, 'fb/message_1.html')).toEqual(['CHAT_CLIENT_ABSENT', 'CHAT_MESSAGE_UNDATED', 'ITEM_DAMAGED']);
  });
});
