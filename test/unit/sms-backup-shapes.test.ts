import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mendCharRefs } from '../../src/formats/sms-backup/mend-char-refs.js';
import { readBackup } from '../../src/formats/sms-backup/read-backup.js';
import { CHATS, codes, readChatCase, readChatFixture, utc } from '../helpers/read-chat-case.js';
import { seeded } from '../helpers/seeded.js';

describe('SMS Backup & Restore: emoji stored as references to UTF-16 surrogates', () => {
  it('reads a pair of surrogate references as the one character, and what XML forbids as U+FFFD', () => {
    expect(mendCharRefs('a &#55357;&#56832; b')).toBe('a \u{1f600} b');
    expect(mendCharRefs('&#xD83D;&#xDE00;')).toBe('\u{1f600}');
    expect(mendCharRefs('&#55357; x')).toBe('\ufffd x');
    expect(mendCharRefs('&#56832;')).toBe('\ufffd');
    expect(mendCharRefs('&#55357;&#55357;&#56832;')).toBe('\ufffd\u{1f600}');
    expect(mendCharRefs('bell &#7; null &#0;')).toBe('bell \ufffd null \ufffd');
    // What XML allows stays for the XML parser to read.
    expect(mendCharRefs('&#10;&#233;&amp;&#x41;')).toBe('&#10;&#233;&amp;&#x41;');
  });

  it('reads every message of the backup whole, wherever the file is cut into chunks', async () => {
    const xml = await readFile(join(CHATS, 'sms', 'sms-backup-emoji.xml'));
    const bodies = async (sizes: () => number) => {
      const got: string[] = [];
      const read = await readBackup(
        (async function* () {
          for (let at = 0; at < xml.length; ) {
            const end = Math.min(xml.length, at + sizes());
            yield xml.subarray(at, end);
            at = end;
          }
        })(),
        (r) => got.push(r.kind === 'sms' ? r.attrs.body! : r.parts.find((p) => p.ct === 'text/plain')!.text!),
      );
      return { got, read };
    };
    const whole = await bodies(() => xml.length);
    expect(whole.read.broken).toBeUndefined();
    expect(whole.got).toEqual([
      'SENTINEL-E1 Thank you 😀👍 the files are perfect',
      'SENTINEL-E2 Glad to hear 🎉\nSpeak soon — Sam',
      'SENTINEL-E3 Lee here 👋 café',
      'SENTINEL-E4 flags 🇬🇧 and a family 👨‍👩‍👧',
    ]);
    const random = seeded(7);
    for (let run = 0; run < 30; run++) expect((await bodies(() => 1 + Math.floor(random() * 40))).got).toEqual(whole.got);
  });

  it('reads the backup as the app wrote it: every message, its sender, its emoji', async () => {
    const { messages, findings } = await readChatFixture('sms/sms-backup-emoji.xml');
    expect(codes(findings)).toEqual([]);
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.text])).toEqual([
      ['2024-05-02T08:00:00.000Z', 'Dana Client (+447700900123)', 'SENTINEL-E1 Thank you 😀👍 the files are perfect'],
      ['2024-05-02T08:01:30.000Z', 'Me', 'SENTINEL-E2 Glad to hear 🎉\nSpeak soon — Sam'],
      ['2024-05-02T08:05:00.000Z', '+15550002222', 'SENTINEL-E3 Lee here 👋 café'],
      ['2024-05-02T08:10:00.000Z', 'Dana Client (+447700900123)', 'SENTINEL-E4 flags 🇬🇧 and a family 👨‍👩‍👧'],
    ]);
  });

  it('shows the line ends of an MMS text part as those of an SMS body', async () => {
    const xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="1">\n<mms date="1714636800000" msg_box="1" address="+447700900123" contact_name="Dana Client"><parts><part seq="0" ct="text/plain" cl="text_0.txt" text="SENTINEL-E5 one&#13;&#10;two&#13;three" /></parts><addrs><addr address="+447700900123" type="137" charset="106" /></addrs></mms>\n</smses>\n`;
    const { chats } = await readChatCase({ 'sms.xml': xml });
    expect(chats[0]!.messages.map((m) => m.text)).toEqual(['SENTINEL-E5 one\ntwo\nthree']);
  });
});
