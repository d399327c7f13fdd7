import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { detectFormat } from '../../src/formats/index.js';
import { describeFinding } from '../../src/rules/codes.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');
const YAML = `case: zipped-telegram
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
`;
const PHOTO = 'photos/photo_1@14-03-2024_10-05-30.jpg';

/** Every file under a fixture folder, as the user's zip tool would add it (under `prefix`), with changes. */
async function zipFolder(from: string, prefix: string, change: Record<string, Buffer | null> = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const root = join(CHATS, from);
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  for (const d of files.sort((a, b) => a.name.localeCompare(b.name))) {
    const name = relative(root, join(d.parentPath, d.name)).split('\\').join('/');
    const bytes = name in change ? change[name] : await readFile(join(root, name));
    if (bytes) zip.addBuffer(bytes, `${prefix}${name}`, { mtime: new Date(Date.UTC(2024, 2, 20)) });
  }
  for (const [name, bytes] of Object.entries(change)) if (bytes && !files.some((d) => d.name === name)) zip.addBuffer(bytes, `${prefix}${name}`);
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function readZipCase(name: string, bytes: Buffer) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), YAML);
  await writeFile(join(dir, name), bytes);
  const analysis = await analyzeCase(dir);
  return { analysis, chats: analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat') };
}

describe('a zipped Telegram Desktop HTML export', () => {
  it('the ChatExport folder zipped is read as the folder is: one exhibit, the photo after its message, listed as an entry of the zip', async () => {
    const bytes = await zipFolder('telegram-html/ChatExport_2024-03-14', 'ChatExport_2024-03-14/');
    expect(detectFormat(bytes.subarray(0, 64 * 1024), 'Telegram export.zip')?.id).toBe('zip');
    const { analysis, chats } = await readZipCase('Telegram export.zip', bytes);
    expect(analysis.findings.filter((f) => f.code.startsWith('ITEM_'))).toEqual([]);
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    expect(chat.title).toBe('Telegram chat: Dana Client');
    const order = ['SENTINEL-TG1', 'SENTINEL-TG2', 'pinned', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6'];
    expect(chat.messages).toHaveLength(order.length);
    order.forEach((s, i) => expect(chat.messages[i]!.text).toContain(s));
    expect(chat.messages.map((m) => m.sender ?? '(service)')).toEqual([
      'Sam Seller',
      'Sam Seller',
      '(service)',
      'Dana Client',
      'Dana Client',
      'Sam Seller',
      'Dana Client',
    ]);
    expect(new Date(chat.messages[0]!.date.epochMs).toISOString()).toBe('2024-03-14T07:00:00.000Z');
    expect(new Date(chat.messages.at(-1)!.date.epochMs).toISOString()).toBe('2024-03-15T06:30:00.000Z');
    const photo = analysis.exhibits.find((e) => e.kind === 'image');
    if (photo?.kind !== 'image') throw new Error('the photo is not shown');
    expect(photo.file).toBe(`Telegram export.zip/ChatExport_2024-03-14/${PHOTO}`);
    expect(photo.follows).toEqual({ file: 'Telegram export.zip', seq: chat.messages[1]!.seq });
    const entry = analysis.sources.find((s) => s.file === photo.file);
    expect(entry?.archive).toEqual({ file: 'Telegram export.zip', absolutePath: expect.any(String), entry: `ChatExport_2024-03-14/${PHOTO}` });
  });

  it('the folder’s contents zipped at the top of the zip are read too', async () => {
    const { chats } = await readZipCase('export.zip', await zipFolder('telegram-html/ChatExport_2024-03-14', ''));
    expect(chats.map((c) => c.messages.length)).toEqual([7]);
  });

  it('damaged: a page missing and a truncated photo in the zip are findings; the rest is read', async () => {
    const whole = await readFile(join(CHATS, 'telegram-html/ChatExport_2024-03-14', PHOTO));
    const bytes = await zipFolder('telegram-html/ChatExport_2024-03-14', 'ChatExport_2024-03-14/', {
      'messages2.html': null,
      [PHOTO]: whole.subarray(0, Math.floor(whole.length / 3)),
    });
    const { analysis, chats } = await readZipCase('export.zip', bytes);
    const codes = analysis.findings.map((f) => f.code);
    expect(codes).toContain('ITEM_DAMAGED');
    expect(describeFinding(analysis.findings.find((f) => f.code === 'ITEM_DAMAGED')!).message).toContain('messages2.html');
    expect(codes).toContain('ITEM_ATTACHMENT_UNREADABLE');
    expect(analysis.exhibits.filter((e) => e.kind === 'image')).toEqual([]);
    expect(chats[0]!.messages.map((m) => m.text).join(' ')).toContain('SENTINEL-TG1');
  });

  it('a zipped web page shaped like an export (messages.html with css/ and js/) is refused naming what it looked like', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('<!DOCTYPE html><html><head><title>My blog</title></head><body><p>Hello</p></body></html>'), 'site/messages.html');
    zip.addBuffer(Buffer.from('body{}'), 'site/css/style.css');
    zip.addBuffer(Buffer.from(''), 'site/js/script.js');
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
    const { analysis, chats } = await readZipCase('site.zip', Buffer.concat(parts));
    expect(chats).toEqual([]);
    expect(describeFinding(analysis.findings.find((f) => f.code === 'ITEM_UNSUPPORTED')!).message).toMatch(/My blog|HTML page/);
  });
});
