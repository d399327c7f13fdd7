import { describe, expect, it } from 'vitest';
import { type Message, parseString } from 'whatsapp-chat-parser';
import { seeded } from '../helpers/seeded.js';
import { readWhatsAppMessages } from '../helpers/read-whatsapp-text.js';

/**
 * Seeded random WhatsApp exports in the layouts the app writes across phones and languages,
 * read by our parser and by whatsapp-chat-parser 4 (Pustur's, MIT): both must find the same
 * messages, with the same senders, instants and texts.
 */

type Pick = <T>(items: readonly T[]) => T;

interface Layout {
  readonly name: string;
  readonly ios: boolean;
  date(y: number, m: number, d: number): string;
  time(h: number, min: number, s: number): string;
  header(date: string, time: string): string;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** 12-hour clocks as phones print them: `AM`, `am`, `p. m.` (Spanish), a narrow no-break space before it. */
const TWELVE = [' AM|PM', '\u202fAM|PM', ' am|pm', '\u202fam|pm', ' a. m.|p. m.', '\u202fa. m.|p. m.', ' a.m.|p.m.'];
function clock(style: string, h: number, min: number, s?: number): string {
  const sec = s === undefined ? '' : `:${p2(s)}`;
  if (style === '24') return `${p2(h)}:${p2(min)}${sec}`;
  // Finnish and Danish phones write the time with dots.
  if (style === '24.') return `${p2(h)}.${p2(min)}${s === undefined ? '' : `.${p2(s)}`}`;
  const [am, pm] = style.slice(1).split('|') as [string, string];
  return `${h % 12 === 0 ? 12 : h % 12}:${p2(min)}${sec}${style[0]}${h < 12 ? am : pm}`;
}

/** The words some languages put between the date and the time, with the layout that goes with them. */
const INFIXES = [
  { infix: ' à ', order: 'dmy', sep: '/', style: '24' },
  { infix: ' klo ', order: 'dmy', sep: '.', style: '24.' },
] as const;

function layout(pick: Pick): Layout {
  const ios = pick([true, false]);
  const worded = pick([false, false, true]) ? pick(INFIXES) : undefined;
  const order = worded?.order ?? pick(['dmy', 'mdy', 'ymd'] as const);
  const sep = worded?.sep ?? (order === 'ymd' ? pick(['-', '/', '.']) : pick(['/', '.', '-']));
  const long = order === 'ymd' || pick([true, false]);
  const pad = pick([true, false]);
  const part = (n: number) => (pad ? p2(n) : String(n));
  const year = (y: number) => (long ? String(y) : p2(y % 100));
  const date = (y: number, m: number, d: number) =>
    order === 'dmy' ? [part(d), part(m), year(y)].join(sep) : order === 'mdy' ? [part(m), part(d), year(y)].join(sep) : [year(y), p2(m), p2(d)].join(sep);
  const style = worded?.style ?? pick(['24', '24.', ...TWELVE]);
  // Some phones write no comma between the date and the time (`14/03/2024 10:22 - `).
  const infix = worded?.infix ?? pick([', ', ', ', ' ']);
  // Finnish iOS: `[12.3.2022 klo 14.08.18] Name: text`.
  return {
    ios,
    name: `${ios ? 'iOS' : 'Android'} ${order} '${sep}' ${long ? 'yyyy' : 'yy'}${pad ? ' padded' : ''} ${JSON.stringify(infix)} ${JSON.stringify(style)}`,
    date,
    time: (h, min, s) => clock(style, h, min, ios ? s : undefined),
    header: ios ? (d, t) => `[${d}${infix}${t}]` : (d, t) => `${d}${infix}${t} -`,
  };
}

const NAMES = ['Dana Client', 'Sam', '+44 7700 900123', 'Zoë Ó Briain', 'Li Wei 李伟', 'Kai 🌊', 'Ana-María'];
const WORDS = ['order', 'shipped', 'refund', 'ok', 'thanks!', 'the tracking: 1Z999', 'see you at 10:30', '🙂', 'café', 'https://example.com/a?b=1'];

function randomChat(random: () => number): { text: string; layout: string; count: number } {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const l = layout(pick);
  const people = [pick(NAMES), pick(NAMES.filter((n) => n !== NAMES[0])), 'Dana Client'].filter((n, i, all) => all.indexOf(n) === i);
  // Days past the 12th in each month, so either reader can tell the day from the month.
  let at = Date.UTC(2019 + Math.floor(random() * 7), Math.floor(random() * 12), 13 + Math.floor(random() * 10), 6);
  const lines: string[] = [];
  const count = 5 + Math.floor(random() * 25);
  for (let i = 0; i < count; i++) {
    at += Math.floor(random() * 20 * 3600) * 1000;
    const d = new Date(at);
    const head = l.header(l.date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), l.time(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
    const words = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(WORDS));
    const body = random() < 0.2 ? `${words.join(' ')}\n${pick(WORDS)} line two` : words.join(' ');
    // Android writes the app's own lines (a member joined, left) under the header with no name.
    if (!l.ios && random() < 0.1)
      lines.push(`${head} ${pick(people)} ${pick(["joined using this group's invite link", 'left', 'changed the group description'])}`);
    else lines.push(`${head} ${pick(people)}: ${body}`);
  }
  return { text: `${lines.join(pick(['\n', '\r\n']))}\n`, layout: l.name, count };
}

/** Their instant, built in the process's zone, as the wall-clock time it stands for. */
const wall = (m: Message) =>
  `${m.date.getFullYear()}-${p2(m.date.getMonth() + 1)}-${p2(m.date.getDate())}T${p2(m.date.getHours())}:${p2(m.date.getMinutes())}:${p2(m.date.getSeconds())}`;

describe('WhatsApp: seeded random exports, read by us and by whatsapp-chat-parser', () => {
  it('agree on every message: its sender, instant and text, in every layout', async () => {
    const random = seeded(2040);
    for (let run = 0; run < 200; run++) {
      const chat = randomChat(random);
      const theirs = parseString(chat.text.replace(/\r\n/g, '\n'));
      const mine = await readWhatsAppMessages(chat.text);
      const view = (list: { sender: string | null; at: string; text: string }[]) => [chat.layout, list];
      expect(view(mine.map((m) => ({ sender: m.sender ?? null, at: new Date(m.date.epochMs).toISOString().slice(0, 19), text: m.text })))).toEqual(
        view(theirs.map((m) => ({ sender: m.author, at: wall(m), text: m.message.replace(/\n$/, '') }))),
      );
      expect(mine).toHaveLength(chat.count);
    }
  });
});
