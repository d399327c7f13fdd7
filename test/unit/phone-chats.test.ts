import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeCaseFiles } from '../../src/case/init-case.js';
import { detectFormat } from '../../src/formats/index.js';
import { parseCreatedDate } from '../../src/formats/google-chat/created-date.js';
import { FIXTURES } from '../helpers/paths.js';
import { CASE_YAML, CHATS, codes, readChatCase, readChatFixture, utc } from '../helpers/read-chat-case.js';

const detected = async (path: string, name: string) => detectFormat(await readFile(join(CHATS, path)), name)?.id;

describe('SMS Backup & Restore XML', () => {
  it('is known by its content, whatever its name', async () => {
    expect(await detected('sms/sms-backup.xml', 'sms-20240316.xml')).toBe('sms-backup');
    expect(await detected('sms/sms-backup.xml', 'backup.txt')).toBe('sms-backup');
    expect(await detected('sms/calls-20240316093012.xml', 'calls.xml')).toBeUndefined();
  });

  it('reads every sms and mms: senders, instants from the epoch, the client, the sent side', async () => {
    const { chat, messages, findings } = await readChatFixture('sms/sms-backup.xml');
    expect(chat.format).toBe('SMS');
    expect(messages).toHaveLength(7);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.000Z');
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T10:00:00.000Z');
    expect(messages.every((m) => m.date.zone === 'epoch')).toBe(true);
    expect([...new Set(messages.map((m) => m.sender))].sort()).toEqual(['+15550001111', '+447700900123', 'Dana Client (+447700900123)', 'Me']);
    // Dana by name in her thread and by number (the case's alias) in the group.
    expect(messages.filter((m) => m.isClient).map((m) => /SENTINEL-S\d/.exec(m.text)?.[0])).toEqual([
      'SENTINEL-S1',
      'SENTINEL-S3',
      'SENTINEL-S4',
      'SENTINEL-S6',
    ]);
    expect(messages[0]!.text).toBe('SENTINEL-S1 Hi Sam, the theme files arrived & they work.\nThanks!');
    expect(messages[1]!.conversation).toBe('to Dana Client (+447700900123)');
    expect(messages[5]!.text).toBe('(failed to send) SENTINEL-S5 Thanks for confirming');
    expect(messages[2]!.attachments).toEqual(['IMG_20240314_104000.png']);
    expect(messages[4]!.text).toContain('[card ending 4242]');
    expect(messages[4]!.text).not.toContain('4242 4242 4242 4242');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('shows an MMS image as an exhibit right after its message', async () => {
    const { analysis, chat } = await readChatFixture('sms/sms-backup.xml');
    const image = analysis.exhibits.find((e) => e.kind === 'image');
    expect(image?.kind === 'image' && image.follows).toEqual({ file: chat.file, seq: chat.messages[2]!.seq });
    expect(image?.date.epochMs).toBe(chat.messages[2]!.date.epochMs);
  });

  it('reads an MMS photo far larger than an XML parser buffers by default', async () => {
    const noise = Buffer.from(Array.from({ length: 320 * 320 * 3 }, (_, i) => (i * 7919) % 251));
    const photo = await sharp(noise, { raw: { width: 320, height: 320, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(256 * 1024);
    const xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="1">\n<mms date="1710412800000" msg_box="1" address="+447700900123" contact_name="Dana Client"><parts><part seq="0" ct="image/png" cl="big.png" text="null" data="${photo.toString('base64')}" /></parts><addrs><addr address="+447700900123" type="137" charset="106" /></addrs></mms>\n</smses>\n`;
    const { analysis, chats, findings } = await readChatCase({ 'sms.xml': xml });
    expect(chats[0]!.messages[0]!.attachments).toEqual(['big.png']);
    expect(analysis.exhibits.filter((e) => e.kind === 'image')).toHaveLength(1);
    expect(codes(findings)).toEqual([]);
  });

  it('with a selection, shows the photos of the messages selected and of their context only', async () => {
    const mms = async (i: number) => {
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: i * 40, g: 90, b: 200 } } })
        .png()
        .toBuffer();
      return `<mms date="${1710412800000 + i * 60_000}" msg_box="1" address="+447700900123" contact_name="Dana Client"><parts><part seq="0" ct="image/png" cl="photo-${i}.png" text="null" data="${png.toString('base64')}" /><part seq="0" ct="text/plain" cl="t.txt" text="photo ${i}${i === 3 ? ' SELECTED' : ''}" /></parts><addrs><addr address="+447700900123" type="137" charset="106" /></addrs></mms>`;
    };
    const records = await Promise.all([1, 2, 3, 4, 5].map(mms));
    const xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="5">\n${records.join('\n')}\n</smses>\n`;
    const yaml = `${CASE_YAML()}items:\n  - file: sms.xml\n    select: { match: [SELECTED], context: 1 }\n`;
    const { analysis, chats } = await readChatCase({ 'sms.xml': xml }, yaml);
    expect(chats[0]!.messages.map((m) => m.text)).toEqual(['photo 2', 'photo 3 SELECTED', 'photo 4']);
    expect(analysis.exhibits.filter((e) => e.kind === 'image').map((e) => e.file)).toEqual([
      'sms.xml/photo-2.png',
      'sms.xml/photo-3.png',
      'sms.xml/photo-4.png',
    ]);
  });

  it('reads a backup cut short as far as it goes, and says where it breaks', async () => {
    const { messages, findings } = await readChatFixture('sms/sms-backup-cut.xml');
    expect(messages.map((m) => /SENTINEL-S\d/.exec(m.text)?.[0])).toEqual(['SENTINEL-S1', 'SENTINEL-S2', 'SENTINEL-S3']);
    const damaged = findings.find((f) => f.code === 'ITEM_DAMAGED');
    expect(damaged?.line).toBeGreaterThan(4);
    expect(String(damaged?.args.detail)).toMatch(/breaks at line \d+/);
  });

  it('says when the backup holds fewer messages than it declares', async () => {
    const full = await readFile(join(CHATS, 'sms/sms-backup.xml'), 'utf8');
    const { findings } = await readChatCase({ 'sms.xml': full.replace('count="7"', 'count="9"') });
    expect(findings.find((f) => f.code === 'ITEM_DAMAGED')?.args.detail).toBe('the backup says it holds 9 message(s) but 7 are in it');
  });

  it('names a message without a date, and counts those past twenty', async () => {
    const sms = (date: string, i: number) => `<sms protocol="0" address="+447700900123" date="${date}" type="1" body="m${i}" contact_name="Dana Client" />`;
    const xml = `<smses count="24">\n${[...Array.from({ length: 23 }, (_, i) => sms(i % 2 ? 'null' : '', i)), sms('1710411725000', 99)].join('\n')}\n</smses>\n`;
    const { chats, findings } = await readChatCase({ 'sms.xml': xml });
    expect(chats[0]!.messages.map((m) => m.text)).toEqual(['m99']);
    const undated = findings.filter((f) => f.code === 'CHAT_MESSAGE_UNDATED');
    expect(undated).toHaveLength(21);
    expect(undated[0]).toMatchObject({ line: 2, args: { where: 'sms at line 2', detail: 'date is ""' } });
    expect(undated[20]!.args.where).toBe('3 more message(s)');
  });

  it('refuses XML that is not a message backup, naming what it looked like', async () => {
    const rss = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title></channel></rss>\n';
    const { findings, chats } = await readChatCase({ 'calls.xml': await readFile(join(CHATS, 'sms/calls-20240316093012.xml')), 'feed.xml': rss });
    expect(chats).toHaveLength(0);
    const refused = findings
      .filter((f) => f.code === 'ITEM_UNSUPPORTED')
      .map((f) => `${f.file}: ${String(f.args.detail)}`)
      .sort();
    expect(refused).toEqual([
      'calls.xml: an XML document whose root element is <calls> (an SMS Backup & Restore call log, which holds no messages)',
      'feed.xml: an XML document whose root element is <rss> (an RSS feed)',
    ]);
  });
});

const LINE_VARIANTS = [
  {
    file: 'line-en-ios.txt',
    count: 6,
    first: '2024-03-14T10:22:00.000Z',
    last: '2024-03-15T18:45:00.000Z',
    sentinels: ['L1', 'L2', 'L3', 'L4'],
    title: 'LINE chat with Dana Client',
  },
  {
    file: 'line-ja.txt',
    count: 3,
    first: '2024-03-14T10:22:00.000Z',
    last: '2024-03-15T00:10:00.000Z',
    sentinels: ['J1', 'J2', 'J3'],
    title: 'LINE chat with Dana Client',
  },
  {
    file: 'line-th.txt',
    count: 3,
    first: '2024-03-14T10:22:00.000Z',
    last: '2024-03-15T09:00:00.000Z',
    sentinels: ['T1', 'T2', 'T3'],
    title: 'LINE chat with Dana Client',
  },
  {
    file: 'line-android-en.txt',
    count: 3,
    first: '2024-03-14T10:22:00.000Z',
    last: '2024-03-15T00:30:00.000Z',
    sentinels: ['A1', 'A2', 'A3'],
    title: 'LINE chat with Dana Client',
  },
  { file: 'line-pc.txt', count: 3, first: '2024-03-14T10:22:00.000Z', last: '2024-03-15T09:00:00.000Z', sentinels: ['P1', 'P2', 'P3'], title: undefined },
] as const;

describe('LINE .txt', () => {
  it.each(LINE_VARIANTS)('$file is known by its content and read whole', async (v) => {
    expect(await detected(`line/${v.file}`, 'chat.log')).toBe('line');
    const { chat, messages, findings } = await readChatFixture(`line/${v.file}`);
    expect(chat.format).toBe('LINE');
    expect(chat.title).toBe(v.title);
    expect(messages).toHaveLength(v.count);
    expect(utc(messages[0]!.date.epochMs)).toBe(v.first);
    expect(utc(messages.at(-1)!.date.epochMs)).toBe(v.last);
    expect(messages.every((m) => m.date.zone === 'assumed:Europe/London')).toBe(true);
    expect([...new Set(messages.filter((m) => !m.system).map((m) => m.sender))].sort()).toEqual(['Dana Client', 'Sam Seller']);
    expect(messages.filter((m) => m.isClient).length).toBeGreaterThan(0);
    expect(messages.flatMap((m) => /SENTINEL-(\w\d)/.exec(m.text)?.[1] ?? [])).toEqual(v.sentinels);
    expect(codes(findings).filter((c) => c !== 'SENSITIVE_CARD_NUMBER')).toEqual([]);
  });

  it('keeps a quoted message of several lines whole, a system line as such, and masks card numbers', async () => {
    const { messages } = await readChatFixture('line/line-en-ios.txt');
    expect(messages[1]!.text).toBe('SENTINEL-L2 Great! Two notes:\n1. the "pro" licence is yours\n2. updates are free');
    expect(messages[3]).toMatchObject({ system: true, text: 'Sam Seller unsent a message.' });
    expect(messages[4]!.text).toBe('SENTINEL-L3 My card [card ending 4242] was charged, thanks');
  });

  it('says which lines of a damaged file stand before any day, and reads the rest', async () => {
    const { messages, findings } = await readChatFixture('line/line-damaged.txt');
    expect(messages.map((m) => /SENTINEL-(\w\d)/.exec(m.text)?.[1])).toEqual(['D1', 'D2']);
    expect(findings.filter((f) => f.code === 'ITEM_DAMAGED').map((f) => [f.line, f.args.detail])).toEqual([
      [4, '2 line(s) from line 4 stand before any day header or message, and are not shown'],
    ]);
  });

  it('reads a header without its [LINE] tag, and Windows line ends', async () => {
    const text = 'Chat history with Dana Client\r\nSaved on: 2024/03/16, 09:30\r\n\r\n2024/03/14(Thu)\r\n10:22\tDana Client\tSENTINEL-W1 hi\r\n';
    expect(detectFormat(Buffer.from(text), 'a.txt')?.id).toBe('line');
    const { chats, findings } = await readChatCase({ 'a.txt': text });
    expect(chats[0]!.title).toBe('LINE chat with Dana Client');
    expect(chats[0]!.messages.map((m) => m.text)).toEqual(['SENTINEL-W1 hi']);
    expect(codes(findings)).toEqual([]);
  });

  it('without a case zone, says the times were placed in UTC', async () => {
    const { messages, findings } = await readChatFixture('line/line-pc.txt', 'case: x\nclient: { name: Dana Client }\n');
    expect(messages[0]!.date.zone).toBe('assumed:UTC');
    expect(codes(findings)).toContain('CHAT_TIMEZONE_MISSING');
  });
});

describe('Google Chat (Takeout)', () => {
  it('is known by its content', async () => {
    expect(await detected('google-chat/messages.json', 'export.json')).toBe('google-chat');
    expect(await detected('line/line-pc.txt', 'messages.json')).toBe('line');
  });

  it('reads a Takeout group folder: senders with emails, instants with their zone, the quote, the deleted message, the file after its message', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { 'Google Chat': 'google-chat/Google Chat' });
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    const { messages } = chat;
    expect(chat.format).toBe('Google Chat');
    expect(chat.title).toBe('Google Chat with Dana Client, Sam Seller');
    expect(messages).toHaveLength(5);
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:30.000Z');
    expect(utc(messages[2]!.date.epochMs)).toBe('2024-03-14T13:15:00.000Z');
    expect(utc(messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:00:00.000Z');
    expect(messages.every((m) => m.date.zone === 'offset' && m.date.offsetMinutes === 0)).toBe(true);
    expect(messages.map((m) => [m.sender, m.senderEmail, m.isClient ?? false])[0]).toEqual(['Dana Client', 'dana@example.com', true]);
    expect(messages[2]!.inReplyTo).toBe('quoting Sam Seller: Great, here is the invoice screenshot.');
    expect(messages[3]!.text).toBe('(message deleted)');
    expect(messages[4]!.text).toBe('SENTINEL-G4 All good on my side (edited Friday, 15 March 2024 at 09:01:00 UTC)');
    const image = analysis.exhibits.find((e) => e.kind === 'image');
    expect(image?.kind === 'image' && image.follows).toEqual({ file: chat.file, seq: messages[1]!.seq });
    expect(image?.source.file).toBe('Google Chat/Groups/DM k6oxHQAAAAE/File-invoice.png');
    expect(codes(findings)).toEqual(['SENSITIVE_CARD_NUMBER']);
  });

  it('says when group_info.json beside it is damaged, and still reads the messages', async () => {
    const dir = 'google-chat/Google Chat/Groups/DM k6oxHQAAAAE';
    const { chats, findings } = await readChatCase({
      'DM x/messages.json': await readFile(join(CHATS, dir, 'messages.json')),
      'DM x/group_info.json': '{"members": [',
    });
    expect(chats[0]!.messages).toHaveLength(5);
    expect(chats[0]!.title).toBe('Google Chat: DM x');
    expect(findings.filter((f) => f.code === 'ITEM_DAMAGED').map((f) => f.file)).toEqual(['DM x/']);
  });

  it('reads messages.json alone, naming its files', async () => {
    const { messages } = await readChatFixture('google-chat/messages.json');
    expect(messages).toHaveLength(5);
    expect(messages[1]!.attachments).toEqual(['invoice.png']);
  });

  it('says what is damaged: a file cut short, a date it cannot read', async () => {
    const cut = await readChatFixture('google-chat/messages-cut.json');
    expect(cut.chats).toHaveLength(0);
    expect(String(cut.findings.find((f) => f.code === 'ITEM_UNREADABLE')?.args.detail)).toMatch(/cut short/);
    const undated = await readChatFixture('google-chat/messages-undated.json');
    expect(undated.messages).toHaveLength(1);
    expect(undated.findings.map((f) => [f.code, f.args.where])).toEqual([['CHAT_MESSAGE_UNDATED', 'messages[0]']]);
  });
});

describe('init on a case of phone chats', () => {
  it('lists each export once, with its format and its messages', async () => {
    const files = await describeCaseFiles(join(FIXTURES, 'cases', 'phone-chats'), {});
    const chats = files.filter((f) => f.chat).map((f) => [f.file, f.format, f.chat!.messages]);
    expect(chats.sort()).toEqual(
      [
        ['Google Chat/Groups/DM k6oxHQAAAAE/', 'google-chat', 5],
        ['[LINE] Chat with Dana Client.txt', 'line', 6],
        ['imessage/Dana Client.txt', 'imessage-txt', 6],
        ['signal/Dana Client/', 'signal', 6],
        ['sms-20240316093012.xml', 'sms-backup', 7],
      ].sort(),
    );
  });
});

describe('Google Chat created_date in the languages Takeout writes', () => {
  it.each([
    ['Tuesday, March 14, 2023 at 10:22:05\u202fAM UTC', '2023-03-14T10:22:05.000Z', 'offset'],
    ['Tuesday, 14 March 2023 at 22:22:05 UTC', '2023-03-14T22:22:05.000Z', 'offset'],
    ['Dienstag, 14. März 2023 um 10:22:05 UTC', '2023-03-14T10:22:05.000Z', 'offset'],
    ['mardi 14 mars 2023 à 10:22:05 UTC', '2023-03-14T10:22:05.000Z', 'offset'],
    ['martes, 14 de marzo de 2023, 10:22:05 UTC', '2023-03-14T10:22:05.000Z', 'offset'],
    ['jeudi 4 juillet 2024 à 09:00:00 UTC', '2024-07-04T09:00:00.000Z', 'offset'],
    ['Thursday, July 4, 2024 at 12:05:00 AM GMT+02:00', '2024-07-03T22:05:00.000Z', 'offset'],
    ['Friday, 15 March 2024 at 09:00:00 PST', '2024-03-15T17:00:00.000Z', 'offset'],
    ['Friday, 15 March 2024 at 09:00:00 XYZ', '2024-03-15T09:00:00.000Z', 'assumed:Europe/London'],
  ])('%s', (text, iso, zone) => {
    const fact = parseCreatedDate(text, 'Europe/London');
    expect(fact && [utc(fact.epochMs), fact.zone]).toEqual([iso, zone]);
  });

  it('is no date when it names none', () => {
    expect(parseCreatedDate('sometime in March', 'UTC')).toBeUndefined();
    expect(parseCreatedDate('Friday, 31 February 2024 at 09:00:00 UTC', 'UTC')).toBeUndefined();
  });
});
