import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseString } from 'whatsapp-chat-parser';
import { isAppNotice } from '../../src/formats/whatsapp/parse.js';
import { FIXTURES, REAL_FIXTURES } from '../helpers/paths.js';
import { readWhatsAppMessages } from '../helpers/read-whatsapp-text.js';

const DIR = join(FIXTURES, 'chats', 'whatsapp');
const REAL_DIR = join(REAL_FIXTURES, 'whatsapp');

/**
 * Where whatsapp-chat-parser 4 (Pustur's, MIT) reads none of a fixture's lines as a message:
 * the shapes it does not know. Everywhere else it must read what our parser reads.
 */
const IT_READS_NONE = new Set(['ar-ios-rlm.txt', 'ios-time-first.txt']);
/** Android's day periods (`9:15 in the morning - Name:`) it does not know: it reads the period and dash into the name. */
const IT_READS_PERIOD_INTO_NAME = new Set(['android-day-periods.txt']);

const MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Each message's sender as we read it, beside the other parser's author. A line the app wrote
 * under the chat's name (the encryption notice) is ours to call sender-less; the other parser
 * names the chat there, so the line's own text must be such a notice.
 */
async function senders(file: string): Promise<{ ours: (string | null)[]; theirs: (string | null)[] }> {
  const text = await readFile(file, 'utf8');
  const read = parseString(text);
  const periods = IT_READS_PERIOD_INTO_NAME.has(basename(file));
  const theirs = read.map((m) =>
    m.author === null
      ? null
      : m.author
          .replace(MARKS, '')
          .replace(periods ? /^.* - / : /^$/, '')
          .trim(),
  );
  const messages = await readWhatsAppMessages(text);
  const ours = messages.map((m, i) => {
    const their = read[i];
    // The encryption notice, which it gives the chat's name.
    if (m.sender === undefined && m.system && theirs[i] !== null && isAppNotice(`\u200e${m.text}`)) return theirs[i]!;
    // `Name:text` with no space after the colon: it keeps the name in the text, with no author.
    if (m.sender !== undefined && their?.author === null && their.message.replace(MARKS, '').startsWith(`${m.sender}:`)) return null;
    return m.sender ?? null;
  });
  return { ours, theirs };
}

describe('cross-check with whatsapp-chat-parser', () => {
  it('reads the same messages, each with the same sender, in every fixture of ours it can read', async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.txt')).sort();
    expect(files.length).toBeGreaterThanOrEqual(19);
    for (const file of files) {
      const { ours, theirs } = await senders(join(DIR, file));
      expect([file, ours.length > 0]).toEqual([file, true]);
      if (IT_READS_NONE.has(file)) expect([file, theirs]).toEqual([file, []]);
      else expect([file, ours]).toEqual([file, theirs]);
    }
  });

  it.skipIf(!existsSync(REAL_DIR))('reads each message of the real exports with the same sender', async () => {
    const files = (await readdir(REAL_DIR, { recursive: true })).filter((f) => f.endsWith('.txt')).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { ours, theirs } = await senders(join(REAL_DIR, file));
      expect([file, ours]).toEqual([file, theirs]);
    }
  });
});

if (!existsSync(REAL_DIR)) console.warn(`skipping the real WhatsApp exports' cross-check: ${REAL_DIR} is absent`);
