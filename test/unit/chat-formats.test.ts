import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit, Finding } from '../../src/evidence/model.js';
import { FIXTURES } from '../helpers/paths.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');

const CASE_YAML = (extra = '') => `case: chat-test
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
${extra}`;

/** Builds a case holding the given files and returns the chats and findings. */
async function readCase(files: Record<string, string | Buffer>, yaml = CASE_YAML(), options: { wholeFileBytes?: number } = {}) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), yaml);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  const analysis = await analyzeCase(dir, options);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { analysis, chats, findings: analysis.findings, dir };
}

async function readFixture(path: string, yaml?: string) {
  const result = await readCase({ [basename(path)]: await readFile(join(CHATS, path)) }, yaml);
  const chat = result.chats[0];
  return { ...result, chat: chat!, messages: chat?.messages ?? [] };
}

const utc = (ms: number) => new Date(ms).toISOString();
const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

/** Our WhatsApp fixtures of each locale's shape: what every one must read as. */
const WHATSAPP_VARIANTS: readonly { file: string; count: number; senders: string[]; client: number; first: string; last: string; sentinels: string[] }[] = [
  {
    file: 'ios-time-first.txt',
    count: 6,
    senders: ['Dana Client', 'Sam Seller'],
    client: 3,
    first: '2022-03-18T09:00:00.000Z',
    last: '2022-03-22T10:05:00.000Z',
    sentinels: ['SENTINEL-T1', 'SENTINEL-T2', 'SENTINEL-T3'],
  },
  {
    file: 'ar-ios-rlm.txt',
    count: 4,
    senders: ['Dana Client', 'Sam Seller'],
    client: 2,
    first: '2022-03-18T09:15:00.000Z',
    last: '2022-03-19T12:05:00.000Z',
    sentinels: ['SENTINEL-A1', 'SENTINEL-A2', 'SENTINEL-A3'],
  },
  {
    file: 'th-ios-be.txt',
    count: 3,
    senders: ['Dana Client', 'Sam Seller'],
    client: 2,
    first: '2022-03-18T14:56:01.000Z',
    last: '2022-03-19T09:00:00.000Z',
    sentinels: ['SENTINEL-B1', 'SENTINEL-B2'],
  },
  {
    file: 'ios-old-no-brackets.txt',
    count: 40,
    senders: ['Dana Client', 'Sam Seller'],
    client: 14,
    first: '2016-07-01T15:56:55.000Z',
    last: '2016-07-13T09:27:10.000Z',
    sentinels: ['SENTINEL-O1', 'SENTINEL-O7', 'SENTINEL-O14'],
  },
  {
    file: 'android-day-periods.txt',
    count: 6,
    senders: ['Dana Client', 'Sam Seller'],
    client: 3,
    first: '2022-03-18T09:15:00.000Z',
    last: '2022-03-19T02:00:00.000Z',
    sentinels: ['SENTINEL-P1', 'SENTINEL-P2', 'SENTINEL-P3'],
  },
  {
    file: 'ios-lrm-senders-fr.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-FR1', 'SENTINEL-FR2', 'SENTINEL-FR3'],
  },
  {
    file: 'ios-lrm-senders-vi.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-VI1', 'SENTINEL-VI2', 'SENTINEL-VI3'],
  },
  {
    file: 'ios-lrm-senders-de.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-DE1', 'SENTINEL-DE2', 'SENTINEL-DE3'],
  },
  {
    file: 'ios-lrm-senders-ru.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-RU1', 'SENTINEL-RU2', 'SENTINEL-RU3'],
  },
  {
    file: 'ios-lrm-senders-id.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-ID1', 'SENTINEL-ID2', 'SENTINEL-ID3'],
  },
  {
    file: 'ios-lrm-senders-th.txt',
    count: 10,
    senders: ['Dana Client', 'Sam Seller'],
    client: 7,
    first: '2022-03-26T21:40:16.000Z',
    last: '2022-03-26T21:49:16.000Z',
    sentinels: ['SENTINEL-TH1', 'SENTINEL-TH2', 'SENTINEL-TH3'],
  },
  {
    file: 'fr-ios-lrm-media.txt',
    count: 6,
    senders: ['Dana Client', 'Sam Seller'],
    client: 4,
    first: '2022-03-18T14:56:01.000Z',
    last: '2022-03-19T10:00:00.000Z',
    sentinels: ['SENTINEL-F1', 'SENTINEL-F2', 'SENTINEL-F3'],
  },
];

describe('WhatsApp in every locale shape', () => {
  it.each(WHATSAPP_VARIANTS)('$file: every message, sender and instant, the client recognised', async (v) => {
    const { chat, messages, findings } = await readFixture(`whatsapp/${v.file}`);
    expect(chat.format).toBe('WhatsApp');
    expect(messages).toHaveLength(v.count);
    expect([...new Set(messages.flatMap((m) => (m.sender && !m.system ? [m.sender] : [])))].sort()).toEqual(v.senders);
    expect(messages.filter((m) => m.isClient).length).toBe(v.client);
    expect(utc(messages[0]!.date.epochMs)).toBe(v.first);
    expect(utc(messages.at(-1)!.date.epochMs)).toBe(v.last);
    // In time order, no message folded into another: each sentinel starts a message of its own.
    for (const sentinel of v.sentinels) expect(messages.filter((m) => new RegExp(`${sentinel}\\b`).test(m.text))).toHaveLength(1);
    expect(messages.every((m) => !/\n\[|\n\u200e\[/.test(m.text))).toBe(true);
    expect(codes(findings).filter((c) => c.startsWith('CHAT_') || c === 'ITEM_DATE_AMBIGUOUS')).toEqual([]);
  });

  it.each(WHATSAPP_VARIANTS.filter((v) => v.file.startsWith('ios-lrm-senders-')))(
    '$file: stickers, cards, locations, GIFs, deletions and documents stay their sender’s; only the app’s notice is a system line',
    async (v) => {
      const { messages, findings } = await readFixture(`whatsapp/${v.file}`);
      expect(messages.map((m) => m.system ?? false)).toEqual([true, ...Array<boolean>(9).fill(false)]);
      expect(messages.map((m) => m.sender ?? null)).toEqual([
        null,
        'Dana Client',
        'Dana Client',
        'Sam Seller',
        ...Array<string>(5).fill('Dana Client'),
        'Sam Seller',
      ]);
      expect(messages.every((m) => m.text.trim() !== '')).toBe(true);
      // A location's coordinates are not a card number.
      expect(messages[5]!.text).toContain('https://maps.google.com/?q=51.50214569326172,-0.1195068359375');
      expect(codes(findings)).not.toContain('SENSITIVE_CARD_NUMBER');
    },
  );
});

describe('WhatsApp', () => {
  it('reads an Android 24-hour export: multi-line messages, system lines, attachments, card numbers', async () => {
    const { chat, messages, findings } = await readFixture('whatsapp/android-24h-dmy.txt');
    expect(chat.format).toBe('WhatsApp');
    expect(messages).toHaveLength(6);
    expect(messages[0]).toMatchObject({ system: true });
    expect(messages[1]).toMatchObject({
      sender: 'Dana Client',
      text: 'Hi Sam, the logo files arrived.\nThey look great, thank you!',
      isClient: true,
      where: 'line 2',
    });
    // 10:22 in London in March is UTC+0.
    expect(utc(messages[1]!.date.epochMs)).toBe('2024-03-14T10:22:00.000Z');
    expect(messages[1]!.date.zone).toBe('assumed:Europe/London');
    expect(messages[3]).toMatchObject({ attachments: ['IMG-20240314-WA0003.jpg'], text: 'invoice screenshot' });
    expect(messages[4]!.text).toBe('(media not included in the export)');
    expect(messages[5]!.text).toBe('Paid with my card [card ending 4242], all good');
    expect(findings.filter((f) => f.code === 'SENSITIVE_CARD_NUMBER')).toEqual([
      expect.objectContaining({ file: 'android-24h-dmy.txt', line: 8, args: { where: 'line 8', last4: '4242' } }),
    ]);
  });

  it('reads US 12-hour times with U+202F before AM/PM, past midnight', async () => {
    const { messages } = await readFixture('whatsapp/android-12h-us.txt');
    expect(messages.map((m) => utc(m.date.epochMs))).toEqual(['2024-03-14T10:22:00.000Z', '2024-03-14T13:05:00.000Z', '2024-03-15T00:30:00.000Z']);
  });

  it('reads iOS exports: dotted dates, seconds, U+200E marks, attachments and omitted media, non-Latin text', async () => {
    const { messages } = await readFixture('whatsapp/ios-dotted-lrm.txt');
    expect(messages.map((m) => [m.sender, m.system ?? false])).toEqual([
      [undefined, true],
      ['Dana Client', false],
      ['Sam Seller', false],
      ['Dana Client', false],
      ['Dana Client', false],
    ]);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:33.000Z');
    expect(messages[2]!.attachments).toEqual(['00000012-PHOTO-2024-03-14-10-23-05.jpg']);
    expect(messages[3]!.text).toBe('(media not included in the export)');
    expect(messages[4]!.text).toBe('Спасибо! Ευχαριστώ!');
  });

  it('reads Spanish a. m./p. m. with no-break spaces, year-first dates and dotted times', async () => {
    const es = await readFixture('whatsapp/es-am-pm.txt');
    // Midnight (12:00 a. m.) comes first in time.
    expect(es.messages.map((m) => utc(m.date.epochMs))).toEqual(['2024-03-14T00:00:00.000Z', '2024-03-14T10:22:00.000Z', '2024-03-14T12:00:00.000Z']);
    const ymd = await readFixture('whatsapp/year-first.txt');
    expect(utc(ymd.messages[1]!.date.epochMs)).toBe('2024-03-14T10:30:00.000Z');
    const dotted = await readFixture('whatsapp/dotted-time.txt');
    expect(dotted.messages.map((m) => utc(m.date.epochMs))).toEqual(['2024-03-14T10:22:00.000Z', '2024-03-14T10:30:00.000Z']);
  });

  it('says when day and month cannot be told apart, and dateOrder settles it', async () => {
    const unsure = await readFixture('whatsapp/ambiguous.txt');
    expect(unsure.findings).toContainEqual(expect.objectContaining({ code: 'ITEM_DATE_AMBIGUOUS', file: 'ambiguous.txt', severity: 'error' }));
    const yaml = CASE_YAML('items:\n  - file: ambiguous.txt\n    dateOrder: mdy\n');
    const settled = await readFixture('whatsapp/ambiguous.txt', yaml);
    expect(codes(settled.findings)).not.toContain('ITEM_DATE_AMBIGUOUS');
    expect(utc(settled.messages[0]!.date.epochMs)).toBe('2024-01-02T10:00:00.000Z');
  });

  it('reads a minority of lines in another date layout by the lines that decide the order, with a finding naming the line', async () => {
    const { messages, findings } = await readFixture('whatsapp/mixed-date-layout.txt');
    expect(codes(findings)).not.toContain('ITEM_DATE_AMBIGUOUS');
    expect(findings.filter((f) => f.code === 'CHAT_DATE_LAYOUT_MIXED')).toEqual([
      expect.objectContaining({ file: 'mixed-date-layout.txt', line: 1, severity: 'warning', args: expect.objectContaining({ lines: 2, order: 'day/month' }) }),
    ]);
    // In UTC: London is an hour ahead from 31 March.
    expect(messages.map((m) => [utc(m.date.epochMs).slice(0, 16), m.sender ?? null])).toEqual([
      ['2019-02-01T00:00', null],
      ['2019-04-19T09:00', 'Dana Client'],
      ['2019-04-19T09:05', 'Sam Seller'],
      ['2019-04-20T08:00', 'Dana Client'],
      ['2019-04-21T10:11', 'Sam Seller'],
      ['2019-05-02T07:00', 'Dana Client'],
      ['2019-05-03T08:30', 'Sam Seller'],
    ]);
  });

  it('still calls an export ambiguous when the lines with most messages cannot be settled', async () => {
    const text = '01.02.19, 10:00 - Dana Client: a\n01.03.19, 10:00 - Sam Seller: b\n02.03.19, 10:00 - Dana Client: c\n[14.03.2019, 10:00:00] Sam Seller: d\n';
    const { findings } = await readCase({ 'chat.txt': text });
    expect(codes(findings)).toContain('ITEM_DATE_AMBIGUOUS');
  });

  it('reads a UTF-16 export (with and without BOM) like UTF-8', async () => {
    const text = await readFile(join(CHATS, 'whatsapp/ios-dotted-lrm.txt'), 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { chats } = await readCase({ 'chat-utf16.txt': withBom, 'chat-utf16-nobom.txt': Buffer.from(text, 'utf16le') });
    expect(chats.map((c) => c.messages.length)).toEqual([5, 5]);
    expect(chats[0]!.messages[4]!.text).toBe('Спасибо! Ευχαριστώ!');
  });

  it('says the zone was assumed when the case has none', async () => {
    const { findings } = await readFixture('whatsapp/year-first.txt', 'client: {name: Dana Client, email: dana@example.com}\n');
    expect(findings).toContainEqual(expect.objectContaining({ code: 'CHAT_TIMEZONE_MISSING', args: expect.objectContaining({ zone: 'UTC' }) }));
  });

  it('reads the zip with media; a selected message’s image becomes the exhibit after it', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(await readFile(join(CHATS, 'whatsapp/android-24h-dmy.txt')), 'WhatsApp Chat with Dana Client.txt');
    zip.addBuffer(await makePng(300, 120, 'Invoice 1042'), 'IMG-20240314-WA0003.jpg');
    zip.end();
    const bytes = await streamToBuffer(zip.outputStream);
    const { analysis, chats, findings } = await readCase({ 'WhatsApp Chat with Dana Client.zip': bytes });
    expect(codes(findings).filter((c) => c.startsWith('ITEM_'))).toEqual([]);
    expect(chats[0]!.title).toBe('WhatsApp chat with Dana Client');
    const image = analysis.exhibits.find((e) => e.kind === 'image');
    expect(image).toMatchObject({ file: 'WhatsApp Chat with Dana Client.zip/IMG-20240314-WA0003.jpg', follows: { seq: 3 } });
    expect(analysis.sources.map((s) => s.file)).toContain('WhatsApp Chat with Dana Client.zip/IMG-20240314-WA0003.jpg');

    // A PDF the chat sends (a document shared in WhatsApp) is an exhibit after its message too.
    const withPdf = new yazl.ZipFile();
    const chat = (await readFile(join(CHATS, 'whatsapp/android-24h-dmy.txt'), 'utf8')) + '15/03/2024, 09:05 - Sam Seller: Invoice-1042.pdf (file attached)\n';
    withPdf.addBuffer(Buffer.from(chat), 'WhatsApp Chat with Dana Client.txt');
    withPdf.addBuffer(await readFile(join(CHATS, '..', 'cases', 'documents', 'invoice-INV-0042.pdf')), 'Invoice-1042.pdf');
    withPdf.end();
    const pdfCase = await readCase({ 'chat.zip': await streamToBuffer(withPdf.outputStream) });
    const lastSeq = pdfCase.chats[0]!.messages.at(-1)!.seq;
    expect(pdfCase.analysis.exhibits.find((e) => e.kind === 'document')).toMatchObject({
      file: 'chat.zip/Invoice-1042.pdf',
      follows: { seq: lastSeq },
      totalPages: 1,
    });
    expect(pdfCase.analysis.sources.find((s) => s.file === 'chat.zip/Invoice-1042.pdf')).toMatchObject({
      format: 'pdf',
      archive: { entry: 'Invoice-1042.pdf' },
    });

    // A zip cut short is a finding that names it, not a crash.
    const cut = await readCase({ 'chat.zip': bytes.subarray(0, Math.floor(bytes.length / 2)) });
    expect(cut.findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_UNREADABLE', file: 'chat.zip', args: { detail: expect.stringMatching(/truncated|damaged/) } }),
    );
  });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('Telegram', () => {
  it('reads an old single-chat export: local dates, integer from_id, text arrays, from: null, service lines', async () => {
    const { chat, messages } = await readFixture('telegram/single-old.json');
    expect(chat.title).toBe('Telegram chat: Dana Client');
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ['Dana Client', 'Files received'],
      ['Sam Seller', 'See https://example.com/invoice/1042 for the invoice'],
      ['(deleted account 777)', 'a deleted account wrote this'],
      ['Sam Seller', 'pin message'],
    ]);
    expect(messages[3]!.system).toBe(true);
    expect(messages[0]!.date.zone).toBe('assumed:Europe/London');
  });

  it('reads a whole-account export with date_unixtime and text_entities', async () => {
    const { chat, messages } = await readFixture('telegram/account-new.json');
    expect(chat.title).toBe('Telegram account export (2 chats)');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.text, m.conversation])).toEqual([
      ['2024-03-13T08:00:00.000Z', 'Someone', 'unrelated', 'Other group'],
      ['2024-03-14T10:22:33.000Z', 'Dana Client', 'Received the files', 'Dana Client'],
      ['2024-03-14T10:30:00.000Z', 'Sam Seller', 'Thanks!', 'Dana Client'],
    ]);
    expect(messages[0]!.date.zone).toBe('epoch');
    expect(messages[2]!.inReplyTo).toBe('reply to message 10');
  });

  it('repairs \\xNN escapes and leaves an escaped backslash alone', async () => {
    const { messages } = await readFixture('telegram/hex-escapes.json');
    expect(messages[0]!.text).toBe('café and a backslash \\x41 kept');
  });

  it('reports a JSON file cut in half, naming it', async () => {
    const bytes = await readFile(join(CHATS, 'telegram/account-new.json'));
    const { findings } = await readCase({ 'result.json': bytes.subarray(0, bytes.length / 2) });
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_UNREADABLE', file: 'result.json', args: { detail: expect.stringContaining('cut short') } }),
    );
  });
});

describe('Slack', () => {
  const users = JSON.stringify([
    { id: 'U1', name: 'dana', real_name: 'Dana Client', profile: { real_name: 'Dana Client', display_name: 'dana', email: 'dana@example.com' } },
    { id: 'U2', name: 'sam', profile: { real_name: 'Sam Seller', email: 'sam@seller.example' } },
  ]);
  const channels = JSON.stringify([{ id: 'C1', name: 'project' }]);
  // Day files follow the workspace's local day: this one holds a message from the next UTC day.
  const day = JSON.stringify([
    { type: 'message', user: 'U1', text: 'Hi <@U2>, files in <#C1|project>? &lt;3', ts: '1710411753.000100' },
    {
      type: 'message',
      user: 'U2',
      text: 'Yes: <https://seller.example/f|the files>',
      ts: '1710412200.000200',
      thread_ts: '1710411753.000100',
      files: [{ name: 'logo.zip' }],
    },
    { type: 'message', subtype: 'channel_join', user: 'U2', text: '<@U2> has joined the channel', ts: '1710400000.000001' },
    { type: 'message', user: 'U1', text: 'late', ts: '1710460800.000300' },
  ]);

  it('reads an unpacked export folder: users joined, mentions resolved, threads kept, ts as the instant', async () => {
    const { chats, analysis } = await readCase({ 'slack/users.json': users, 'slack/channels.json': channels, 'slack/project/2024-03-14.json': day });
    const chat = chats[0]!;
    expect(chat.file).toBe('slack/');
    expect(chat.messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2024-03-14T07:06:40.000Z', 'Sam Seller', '@Sam Seller has joined the channel'],
      ['2024-03-14T10:22:33.000Z', 'Dana Client', 'Hi @Sam Seller, files in #project? <3'],
      ['2024-03-14T10:30:00.000Z', 'Sam Seller', 'Yes: the files (https://seller.example/f)'],
      ['2024-03-15T00:00:00.000Z', 'Dana Client', 'late'],
    ]);
    expect(chat.messages[1]).toMatchObject({ senderEmail: 'dana@example.com', isClient: true, conversation: '#project' });
    expect(chat.messages[2]).toMatchObject({ inReplyTo: 'reply in a thread started by Dana Client', attachments: ['logo.zip'] });
    // Each file of the folder is hashed for the appendix.
    expect(analysis.sources.filter((s) => s.partOf === 'slack/').map((s) => s.file)).toEqual([
      'slack/channels.json',
      'slack/project/2024-03-14.json',
      'slack/users.json',
    ]);
  });

  it('reads the same export as a zip', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(channels), 'channels.json');
    zip.addBuffer(Buffer.from(users), 'users.json');
    zip.addBuffer(Buffer.from(day), 'project/2024-03-14.json');
    zip.end();
    const { chats } = await readCase({ 'export.zip': await streamToBuffer(zip.outputStream) });
    expect(chats[0]!.messages).toHaveLength(4);
    expect(chats[0]!.format).toBe('Slack');
  });
});

describe('Discord (DiscordChatExporter)', () => {
  it('reads the JSON export: nicknames, attachments, replies, join lines', async () => {
    const { chat, messages } = await readFixture('discord/channel.json');
    expect(chat.title).toBe('Discord: Studio › #dana-project');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender])).toEqual([
      ['2024-03-14T10:22:33.123Z', 'Dana Client'],
      ['2024-03-14T10:25:00.000Z', 'Sam Seller (sam#1234)'],
      ['2024-03-14T10:30:00.000Z', 'newbie'],
    ]);
    expect(messages[1]).toMatchObject({ attachments: ['invoice-1042.pdf'], inReplyTo: 'reply to Dana Client' });
    expect(messages[2]!.system).toBe(true);
  });

  it('recognises the client by the server nickname, the user name or the display name, whichever case.yaml gives', async () => {
    const byNickname = await readFixture('discord/channel.json', 'case: d\nclient: { name: Sam Seller, email: sam@example.com }\n');
    expect(byNickname.messages.map((m) => m.isClient ?? false)).toEqual([false, true, false]);
    const byUserName = await readFixture('discord/channel.json', 'case: d\nclient: { name: Someone Else, email: x@example.com, aliases: [sam] }\n');
    expect(byUserName.messages.map((m) => m.isClient ?? false)).toEqual([false, true, false]);
    const nobody = await readFixture('discord/channel.json', 'case: d\nclient: { name: Someone Else, email: x@example.com }\n');
    expect(nobody.messages.some((m) => m.isClient)).toBe(false);
  });

  it('reads the CSV export with old local dates and with ISO dates', async () => {
    const old = await readFixture('discord/channel-old.csv');
    expect(old.messages.map((m) => [utc(m.date.epochMs), m.sender, m.text, m.attachments])).toEqual([
      ['2024-03-14T10:22:00.000Z', 'Dana Client#0000', 'Files received', []],
      ['2024-03-14T13:05:00.000Z', 'Sam Seller#1234', 'Thanks, "quoted" and\na second line', ['invoice-1042.pdf']],
    ]);
    const iso = await readFixture('discord/channel-iso.csv');
    expect(iso.messages[0]!.date.zone).toBe('offset');
  });
});

describe('Email', () => {
  it('reads an .eml: Date with its offset, From, To, RFC 2047 subject, HTML converted to text', async () => {
    const { messages } = await readFixture('email/receipt.eml');
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(utc(m.date.epochMs)).toBe('2024-03-14T14:22:33.000Z');
    expect(m.date).toMatchObject({ zone: 'offset', offsetMinutes: -240 });
    expect(m).toMatchObject({ sender: 'Sam Seller', senderEmail: 'sam@seller.example', subject: 'Your logo files – invoice 1042' });
    expect(m.text).toContain('To: "Dana Client" <dana@example.com>');
    expect(m.text).toContain('Your logo files are attached.');
    expect(m.text).not.toContain('<b>');
  });

  it('splits an mbox, unescapes >From, and reports a message with no Date instead of inventing one', async () => {
    const { messages, findings, analysis } = await readFixture('email/thread.mbox');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.isClient ?? false])).toEqual([
      ['2024-03-14T15:00:00.000Z', 'Dana Client', true],
      ['2024-03-14T16:00:00.000Z', 'Sam Seller', false],
    ]);
    expect(messages[0]!.text).toContain('\nFrom the look of it');
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'CHAT_MESSAGE_UNDATED', line: 21, args: expect.objectContaining({ detail: 'it has no Date header' }) }),
    );
    expect(analysis.info.client.email?.value).toBe('dana@example.com');
  });

  it('reads a Gmail Takeout mbox, and the client’s email comes from the data when case.yaml has none', async () => {
    const { messages, analysis } = await readFixture('email/takeout.mbox', 'timezone: UTC\nclient: {name: Dana Client}\n');
    expect(messages).toHaveLength(1);
    expect(analysis.info.client.email).toEqual({ value: 'dana@example.com', source: 'takeout.mbox' });
  });

  it('reports a mismatch between the data and case.yaml', async () => {
    const { findings } = await readFixture('email/takeout.mbox', CASE_YAML().replace('dana@example.com', 'dana@other.example'));
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'CHAT_CLIENT_EMAIL_MISMATCH', args: { found: 'dana@example.com', expected: 'dana@other.example' } }),
    );
  });

  it('tells a file that only looks like an mbox from a real one', async () => {
    const { chats, findings } = await readFixture('email/not-an-mbox.mbox');
    expect(chats).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'ITEM_UNREADABLE', file: 'not-an-mbox.mbox' }));
  });
});

describe('Helpdesks', () => {
  it('reads a Help Scout conversation: threads, HTML bodies, notes marked', async () => {
    const { chat, messages } = await readFixture('helpdesk/helpscout.json');
    expect(chat.title).toBe('Help Scout conversation #349: Logo files');
    expect(messages.map((m) => [m.sender, m.senderEmail, m.text])).toEqual([
      ['Dana Client', 'dana@example.com', 'Where are my files?'],
      ['Sam Seller', 'sam@seller.example', 'Sent them just now.'],
      ['Sam Seller', 'sam@seller.example', '(internal note) internal: customer happy'],
    ]);
    expect(messages[1]!.attachments).toEqual(['logo.zip']);
  });

  it('reads Zendesk comments with side-loaded users', async () => {
    const { messages } = await readFixture('helpdesk/zendesk-comments.json');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.senderEmail, m.isClient ?? false])).toEqual([
      ['2024-03-14T09:00:00.000Z', 'Dana Client', 'dana@example.com', true],
      ['2024-03-14T09:30:00.000Z', 'Sam Seller', 'sam@seller.example', false],
    ]);
  });

  it('reads an Intercom conversation: the first message is in source', async () => {
    const { messages } = await readFixture('helpdesk/intercom.json');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2024-03-14T10:00:00.000Z', 'Dana Client', 'Hi, where are my files?'],
      ['2024-03-14T10:30:00.000Z', 'Sam Seller', 'Sent!'],
      // An action with no body is said as what it was, not dropped.
      ['2024-03-14T10:31:40.000Z', 'Operator', '(assigned the conversation)'],
    ]);
  });

  it('reads an Intercom conversation of the older API: the opening conversation_message first, dated by the conversation', async () => {
    const { chat, messages } = await readFixture('helpdesk/intercom-sdk-conversation-message.json');
    expect(chat.format).toBe('Intercom');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.where])).toEqual([
      ['2024-03-14T10:22:33.000Z', 'Sam Seller', 'conversation_message'],
      ['2024-03-14T11:16:40.000Z', 'Dana Client', 'conversation_parts.conversation_parts[0]'],
      ['2024-03-14T12:11:34.000Z', undefined, 'conversation_parts.conversation_parts[1]'],
    ]);
    expect(messages[2]!.text).toBe('(closed the conversation)');
    expect(messages[0]!.text).toContain('We noticed you downloaded the logo files');
    expect(messages[0]!.attachments).toEqual(['signature']);
    expect(utc(chat.date.epochMs)).toBe('2024-03-14T10:22:33.000Z');
  });

  it('reads a Freshdesk ticket: the first message is its description', async () => {
    const { chat, messages } = await readFixture('helpdesk/freshdesk-ticket.json');
    expect(chat.title).toBe('Freshdesk ticket #77: Logo files');
    expect(messages.map((m) => [m.where, m.sender, m.text])).toEqual([
      ['description', 'Dana Client', 'Where are my files?'],
      ['conversations[0]', 'Sam Seller', 'Sent them.'],
      ['conversations[1]', 'Dana Client', 'Got them, thanks'],
    ]);
  });
});

describe('Messenger and Instagram', () => {
  it('reads message_N.json newest-first, repairing its mojibake', async () => {
    const { chat, messages } = await readFixture('meta/message_1.json');
    expect(chat.title).toBe('Messenger conversation: Dana Clïent');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2024-03-14T10:22:33.000Z', 'Dana Clïent', 'Files received'],
      ['2024-03-14T10:30:00.000Z', 'Sam Seller', 'Sent — café ☕'],
    ]);
    expect(messages[0]!.attachments).toEqual(['receipt_1.jpg']);
  });

  it('reads the end-to-end-encrypted camelCase export', async () => {
    const { messages } = await readFixture('meta/e2ee-messenger.json');
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ['Dana Client', 'Files received'],
      ['Sam Seller', '(message unsent)'],
    ]);
  });
});

describe('Generic CSV', () => {
  it('reads the default columns, epoch and local times', async () => {
    const { messages } = await readFixture('csv/messages.csv');
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.senderEmail, m.text])).toEqual([
      ['2024-03-14T10:22:33.000Z', 'Dana Client', 'dana@example.com', 'Files received'],
      ['2024-03-14T10:30:00.000Z', 'Sam Seller', 'sam@seller.example', 'Thanks, "Dana"'],
    ]);
  });

  it('reads a BOM, semicolons and quoted newlines, with header names from case.yaml', async () => {
    const yaml = CASE_YAML('items:\n  - file: messages-semicolon.csv\n    columns: {timestamp: When, sender: Who, email: Mail, text: Message}\n');
    const { messages } = await readFixture('csv/messages-semicolon.csv', yaml);
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2024-03-14T09:22:33.000Z', 'Dana Client', 'Files received,\nthanks'],
      ['2024-03-14T09:30:00.000Z', 'Sam Seller', 'Welcome'],
    ]);
    const without = await readFixture('csv/messages-semicolon.csv');
    expect(without.findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_UNSUPPORTED', args: { detail: expect.stringContaining('columns: {timestamp') } }),
    );
  });
});

describe('choosing and annotating messages', () => {
  it('select keeps a date range and matches with context; notes go on the message they name', async () => {
    const yaml = CASE_YAML(`items:
  - file: android-24h-dmy.txt
    select:
      from: 2024-03-14T10:21
      to: 2024-03-14
      match: [invoice]
      context: 1
    notes:
      - at: 2024-03-14T10:22
        note: The client confirms delivery
      - match: nothing like this
        note: unmatched
`);
    const { messages, findings } = await readFixture('whatsapp/android-24h-dmy.txt', yaml);
    // "invoice" matches lines 4 and 5; context brings line 2 (before) — line 6+ is past `to`.
    expect(messages.map((m) => m.where)).toEqual(['line 2', 'line 4', 'line 5']);
    expect(messages[0]!.note).toBe('The client confirms delivery');
    expect(findings).toContainEqual(expect.objectContaining({ code: 'CHAT_NOTE_UNMATCHED', file: 'case.yaml', path: 'items[0].notes[1]' }));
  });

  it('says when the client never writes in a chat', async () => {
    const { findings } = await readFixture(
      'whatsapp/year-first.txt',
      CASE_YAML().replace('Dana Client', 'Someone Else').replace('dana@example.com', 'else@example.com'),
    );
    expect(findings).toContainEqual(expect.objectContaining({ code: 'CHAT_CLIENT_ABSENT', file: 'year-first.txt' }));
  });

  it('recognises the client by an alias', async () => {
    const yaml = CASE_YAML().replace('  email: dana@example.com', '  email: dana@example.com\n  aliases: ["~ Sam Seller"]');
    const { messages } = await readFixture('whatsapp/year-first.txt', yaml);
    expect(messages.map((m) => m.isClient ?? false)).toEqual([true, true]);
  });
});

describe('large exports', () => {
  it('streams a file too large to read whole: hashed as it streams, selection applied as it goes', async () => {
    const line = (i: number) =>
      `14/03/2024, ${String(8 + (Math.floor(i / 60000) % 12)).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')} - ${i % 2 ? 'Dana Client' : 'Sam Seller'}: message number ${i} ${'lorem ipsum '.repeat(4)}\n`;
    const parts: string[] = [];
    let size = 0;
    let count = 0;
    // The algorithm, not the machine: a file just over a lowered whole-file limit streams as a 33 MB one would.
    const wholeFileBytes = 256 * 1024;
    while (count <= 5000 || size <= wholeFileBytes) {
      const text = line(count++);
      parts.push(text);
      size += text.length;
    }
    const bytes = Buffer.from(parts.join(''));
    const all = await readCase({ 'big.txt': bytes }, CASE_YAML(), { wholeFileBytes });
    expect(all.analysis.sources[0]!.sha256).toBe((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'));
    expect(all.chats[0]!.totalMessages).toBe(count);
    // Without select the packet could not hold it: an error that says how to choose.
    expect(all.findings).toContainEqual(expect.objectContaining({ code: 'CHAT_TOO_MANY_MESSAGES', severity: 'error', file: 'big.txt' }));
    const yaml = CASE_YAML('items:\n  - file: big.txt\n    select: {match: ["message number 1234 "]}\n');
    const some = await readCase({ 'big.txt': bytes }, yaml, { wholeFileBytes });
    expect(some.chats[0]!.messages.map((m) => m.text)).toEqual([expect.stringContaining('message number 1234 ')]);
  });
});

describe('card numbers outside chats', () => {
  it('masks a card number typed into an image note and the summary', async () => {
    const yaml = CASE_YAML(
      'summary: Paid with 4111 1111 1111 1111 on March 1\nitems:\n  - file: Screenshot_20240314-102200.png\n    note: card 4111-1111-1111-1111 shown\n',
    );
    const { analysis } = await readCase({ 'Screenshot_20240314-102200.png': await makePng(200, 80) }, yaml);
    expect(analysis.info.summary).toBe('Paid with [card ending 1111] on March 1');
    expect(analysis.exhibits[0]!.note?.value).toBe('card [card ending 1111] shown');
    // Said where it stands in case.yaml, with the line, never with the whole number.
    const said = analysis.findings.filter((f) => f.code === 'SENSITIVE_CARD_NUMBER');
    expect(said.map((f) => [f.file, f.path, f.line])).toEqual([
      ['case.yaml', 'summary', 6],
      ['case.yaml', 'items[0].note', 9],
    ]);
    expect(JSON.stringify(analysis)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
  });
});

describe('building chats into a packet', () => {
  it('embeds a zip’s image read from the archive, and carries a long note over pages whole', async () => {
    const { buildPacket } = await import('../../src/pipeline/build.js');
    const zip = new yazl.ZipFile();
    zip.addBuffer(await readFile(join(CHATS, 'whatsapp/android-24h-dmy.txt')), 'WhatsApp Chat with Dana Client.txt');
    zip.addBuffer(await makePng(300, 120, 'Invoice 1042'), 'IMG-20240314-WA0003.jpg');
    zip.end();
    const longNote = `${'The client confirms delivery again and again. '.repeat(120)}END-OF-NOTE`;
    const yaml = CASE_YAML(`items:\n  - file: chat.zip\n    notes:\n      - match: logo files arrived\n        note: "${longNote}"\n`);
    const { dir } = await readCase({ 'chat.zip': await streamToBuffer(zip.outputStream) }, yaml);
    const built = await buildPacket(dir);
    if (!built.ok) throw new Error(JSON.stringify(built.check.findings));
    const image = built.report.exhibits.find((e) => e.file === 'chat.zip/IMG-20240314-WA0003.jpg');
    expect(image?.embedded?.bytes).toBeGreaterThan(0);
    const out = join(await tempDir(), 'zip-packet.pdf');
    await writeFile(out, built.pdf);
    const text = (await (await import('../helpers/read-pdf.js')).readPdf(out)).pages.join(' ').replace(/\s+/g, '');
    expect(text).toContain('END-OF-NOTE');
  });
});
