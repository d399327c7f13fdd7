import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseString } from 'whatsapp-chat-parser';
import { ChatCollector } from '../../src/chat/collect.js';
import { readWhatsAppText } from '../../src/formats/whatsapp/parse.js';
import { FIXTURES } from '../helpers/paths.js';

const DIR = join(FIXTURES, 'chats', 'whatsapp');

/**
 * Where whatsapp-chat-parser 4 (Pustur's, MIT) reads none of a fixture's lines as a message:
 * the shapes it does not know. Everywhere else it must count what our parser counts.
 */
const IT_READS_NONE = new Set(['ar-ios-rlm.txt', 'ios-time-first.txt']);

async function ourCount(text: string): Promise<number> {
  const collector = new ChatCollector({ source: { file: 'chat.txt', sha256: '', bytes: text.length } as never, client: { aliases: [] } });
  const bytes = Buffer.from(text);
  await readWhatsAppText(async function* () {
    yield bytes;
  }, collector, { file: 'chat.txt', zone: 'UTC' });
  return collector.finish('WhatsApp').exhibit?.totalMessages ?? 0;
}

describe('cross-check with whatsapp-chat-parser', () => {
  it('counts the same messages in every fixture it can read, for the record', async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.txt')).sort();
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) {
      const text = await readFile(join(DIR, file), 'utf8');
      const theirs = parseString(text).length;
      const ours = await ourCount(text);
      expect([file, ours > 0]).toEqual([file, true]);
      expect([file, theirs]).toEqual([file, IT_READS_NONE.has(file) ? 0 : ours]);
    }
  });
});
