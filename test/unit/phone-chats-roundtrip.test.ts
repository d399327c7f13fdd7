import { describe, expect, it } from 'vitest';
import { readChatCase } from '../helpers/read-chat-case.js';
import { seeded } from '../helpers/seeded.js';

const WORDS = [
  'invoice',
  'thanks',
  'the',
  '"pro"',
  'licence',
  'works',
  'ok',
  'ファイル',
  'ขอบคุณ',
  'refund?',
  'yes',
  '10:22',
  'day',
  '(edited)',
  'é',
  'link:',
  'https://example.com/a',
];
const SENDERS = ['Dana Client', 'Sam Seller', '佐藤 花子', "Lee O'Brien"];

interface Generated {
  readonly minute: number;
  readonly sender: string;
  readonly text: string;
}

/** Messages a minute or more apart over several days, with texts of one to three lines. */
function messages(seed: number, count: number): Generated[] {
  const next = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  let minute = Date.UTC(2024, 2, 10, 8, 0) / 60_000;
  return Array.from({ length: count }, () => {
    minute += 1 + Math.floor(next() * 600);
    const lines = Array.from({ length: 1 + Math.floor(next() * (next() < 0.7 ? 1 : 3)) }, () =>
      Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(WORDS)).join(' '),
    );
    return { minute, sender: pick(SENDERS), text: lines.join('\n') };
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (minute: number) => {
  const d = new Date(minute * 60_000);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    wd: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!,
  };
};

/** LINE's mobile text: day headers after a blank line, a message of several lines quoted with `""` inside. */
function writeLine(list: readonly Generated[]): string {
  const out = ['[LINE] Chat history with Dana Client', 'Saved on: 2024/04/01, 09:30', ''];
  let day = '';
  for (const m of list) {
    const p = parts(m.minute);
    const header = `${p.y}/${pad(p.mo)}/${pad(p.d)}(${p.wd})`;
    if (header !== day) {
      if (day) out.push('');
      out.push(header);
      day = header;
    }
    const text = m.text.includes('\n') ? `"${m.text.replace(/"/g, '""')}"` : m.text;
    out.push(`${pad(p.h)}:${pad(p.mi)}\t${m.sender}\t${text}`);
  }
  return `${out.join('\n')}\n`;
}

/** imessage-exporter's TXT: `%b %d, %Y %l:%M:%S %p`, the sender, the text, a blank line. */
function writeImessage(list: readonly Generated[]): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return list
    .map((m) => {
      const p = parts(m.minute);
      const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
      return `${months[p.mo - 1]} ${pad(p.d)}, ${p.y} ${String(h12).padStart(2, ' ')}:${pad(p.mi)}:00 ${p.h < 12 ? 'AM' : 'PM'}\n${m.sender}\n${m.text}\n\n`;
    })
    .join('');
}

/** signal-export's chat.md: `Message.to_md()` (the body and two spaces) printed with a newline after. */
function writeSignal(list: readonly Generated[]): string {
  return list
    .map((m) => {
      const p = parts(m.minute);
      return `[${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:00] ${m.sender}: ${m.text}  \n\n`;
    })
    .join('');
}

const WRITERS = [
  { format: 'LINE', file: 'chat.txt', write: writeLine },
  { format: 'iMessage', file: 'Dana Client.txt', write: writeImessage },
  { format: 'Signal', file: 'chat.md', write: writeSignal },
] as const;

describe('phone chats read back exactly what their tool wrote (seeded random chats)', () => {
  it.each(WRITERS)('$format', async ({ format, file, write }) => {
    for (const seed of [1, 2, 3]) {
      const expected = messages(seed, 120);
      const { chats, findings } = await readChatCase(
        { [file]: write(expected) },
        'case: x\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n',
      );
      expect(findings.map((f) => f.code).filter((c) => c !== 'SENSITIVE_CARD_NUMBER')).toEqual([]);
      expect(chats[0]?.format).toBe(format);
      const read = chats[0]!.messages.map((m) => ({ minute: m.date.epochMs / 60_000, sender: m.sender, text: m.text }));
      expect(read).toEqual(expected);
    }
  });
});
