import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { findFolderExports } from '../../src/formats/index.js';
import { FIXTURES } from '../helpers/paths.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');
const YAML = `case: loose-telegram
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
`;

/** A case whose folder is the given fixture folders' contents merged at its top, plus extra files. */
async function looseCase(from: readonly string[], extra: Record<string, Buffer | string> = {}) {
  const dir = await tempDir();
  for (const f of from) await cp(join(CHATS, f), dir, { recursive: true });
  await writeFile(join(dir, 'case.yaml'), YAML);
  for (const [name, content] of Object.entries(extra)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  const analysis = await analyzeCase(dir);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { analysis, chats };
}

describe('a Telegram Desktop HTML export dropped loose in the case folder', () => {
  it('is one exhibit, as in its folder: every page in order, the photo after its message, the other files still read', async () => {
    const { analysis, chats } = await looseCase(['telegram-html/ChatExport_2024-03-14'], { 'screenshots/receipt.png': await makePng(400, 300, 'RECEIPT') });
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    expect(chat.file).toBe('./');
    expect(chat.title).toBe('Telegram chat: Dana Client');
    // Both pages, as the folder export gives them (test/unit/chat-html-formats.test.ts).
    const order = ['SENTINEL-TG1', 'SENTINEL-TG2', 'pinned', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6'];
    expect(chat.messages).toHaveLength(order.length);
    order.forEach((s, i) => expect(chat.messages[i]!.text).toContain(s));
    expect(new Date(chat.messages[0]!.date.epochMs).toISOString()).toBe('2024-03-14T07:00:00.000Z');
    expect(new Date(chat.messages.at(-1)!.date.epochMs).toISOString()).toBe('2024-03-15T06:30:00.000Z');
    const photo = analysis.exhibits.find((e) => e.kind === 'image' && e.file.startsWith('photos/'));
    if (photo?.kind !== 'image') throw new Error('the photo is not shown');
    expect(photo.file).toBe('photos/photo_1@14-03-2024_10-05-30.jpg');
    expect(photo.follows).toEqual({ file: './', seq: chat.messages[1]!.seq });
    // The case's own screenshot is not swallowed by the export.
    expect(analysis.sources.find((s) => s.file === 'screenshots/receipt.png')).toMatchObject({ format: 'image' });
    expect(analysis.sources.find((s) => s.file === 'screenshots/receipt.png')?.partOf).toBeUndefined();
    expect(analysis.findings.map((f) => f.code)).not.toContain('ITEM_DUPLICATE');
    expect(analysis.sources.filter((s) => s.partOf === './').map((s) => s.file)).toContain('messages2.html');
  });

  it('a whole-account export loose in the case folder is one exhibit with each chat a conversation', async () => {
    const { chats } = await looseCase(['telegram-html/DataExport_2024-03-20']);
    expect(chats).toHaveLength(1);
    expect(chats[0]!.title).toBe('Telegram account export (2 chats)');
    expect(chats[0]!.messages.map((m) => m.text.slice(0, 12))).toEqual(['SENTINEL-TA1', 'SENTINEL-TA3', '[sticker]', 'SENTINEL-TA2']);
  });

  it('a loose messages.html without the rest of an export stays one page read alone; a folder export beside a loose one is its own', () => {
    expect(findFolderExports(['messages.html', 'invoice.pdf'])).toEqual([]);
    const found = findFolderExports([
      'messages.html',
      'messages2.html',
      'photos/a.jpg',
      'files/x.pdf',
      'notes/a.txt',
      'Other/messages.html',
      'Other/messages2.html',
    ]);
    expect(found.map((f) => [f.folder, f.members])).toEqual([
      ['Other', ['Other/messages.html', 'Other/messages2.html']],
      ['', ['files/x.pdf', 'messages.html', 'messages2.html', 'photos/a.jpg']],
    ]);
  });
});
