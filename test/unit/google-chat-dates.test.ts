import { describe, expect, it } from 'vitest';
import { parseCreatedDate } from '../../src/formats/google-chat/created-date.js';
import { readChatCase } from '../helpers/read-chat-case.js';
import { seeded } from '../helpers/seeded.js';

/** Languages a Google account may be set to, as ICU names them. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-AU',
  'de',
  'fr',
  'es',
  'es-419',
  'it',
  'pt-BR',
  'pt-PT',
  'nl',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
  'ru',
  'pl',
  'tr',
  'sv',
  'cs',
  'fi',
  'da',
  'nb',
  'uk',
  'id',
  'vi',
  'th',
  'ar',
  'he',
  'hi',
  'el',
  'hu',
  'ro',
  'ca',
];
/** Zones printed as a name (UTC, PDT, CET) or as an offset (GMT-7, GMT+5:30, UTC+10). */
const ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/St_Johns',
  'America/Halifax',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Berlin',
  'Europe/Athens',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Pacific/Auckland',
];

describe('Google Chat created_date, as ICU prints it in any language Takeout writes', () => {
  it('reads back the instant of seeded random times in every language and zone', () => {
    const random = seeded(40);
    const misread: string[] = [];
    for (let i = 0; i < 600; i++) {
      const epochMs = Math.floor((Date.UTC(2016, 0, 1) + random() * (Date.UTC(2026, 0, 1) - Date.UTC(2016, 0, 1))) / 1000) * 1000;
      const locale = LOCALES[i % LOCALES.length]!;
      const timeZone = ZONES[Math.floor(random() * ZONES.length)]!;
      const text = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long', timeZone }).format(epochMs);
      const fact = parseCreatedDate(text, 'Europe/London');
      if (fact?.epochMs !== epochMs || fact.zone !== 'offset')
        misread.push(`${locale} ${timeZone} ${JSON.stringify(text)} → ${fact ? new Date(fact.epochMs).toISOString() : 'nothing'}`);
    }
    expect(misread).toEqual([]);
  });
});

describe('Google Chat created_date, the forms ICU in Node does not print', () => {
  it.each([
    ['2023년 3월 14일 화요일 오후 10시 2분 5초 UTC', '2023-03-14T22:02:05.000Z'],
    ['2023년 3월 14일 화요일 오전 12시 2분 5초 UTC', '2023-03-14T00:02:05.000Z'],
    ['2023年3月14日火曜日 22時02分05秒 UTC', '2023-03-14T22:02:05.000Z'],
    ['mardi 14 mars 2023 à 22 h 02 UTC', '2023-03-14T22:02:00.000Z'],
    ['الثلاثاء، ١٤ مارس ٢٠٢٣ في ١٠:٠٢:٠٥ م UTC', '2023-03-14T22:02:05.000Z'],
  ])('%s', (text, iso) => {
    expect(new Date(parseCreatedDate(text, 'Europe/London')?.epochMs ?? Number.NaN).toISOString()).toBe(iso);
  });
});

describe('Google Chat Takeout in Japanese, read whole', () => {
  it('reads every message of a messages.json whose dates are in Japanese, none undated', async () => {
    const at = (iso: string) => new Intl.DateTimeFormat('ja', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' }).format(Date.parse(iso));
    const json = JSON.stringify(
      {
        messages: [
          {
            creator: { name: 'Dana Client', email: 'dana@example.com', user_type: 'Human' },
            created_date: at('2024-03-14T10:22:05Z'),
            text: 'SENTINEL-G1 こんにちは',
            topic_id: 'a',
            message_id: 'x/a/a',
          },
          {
            creator: { name: 'Sam Seller', email: 'sam@seller.example', user_type: 'Human' },
            created_date: at('2024-03-14T15:01:00Z'),
            text: 'SENTINEL-G2 了解です',
            topic_id: 'b',
            message_id: 'x/b/b',
          },
        ],
      },
      null,
      2,
    );
    const { chats, findings } = await readChatCase({ 'messages.json': json });
    expect(chats[0]!.messages.map((m) => [new Date(m.date.epochMs).toISOString(), m.sender, m.date.zone])).toEqual([
      ['2024-03-14T10:22:05.000Z', 'Dana Client', 'offset'],
      ['2024-03-14T15:01:00.000Z', 'Sam Seller', 'offset'],
    ]);
    expect(findings.map((f) => f.code)).not.toContain('CHAT_MESSAGE_UNDATED');
  });
});
