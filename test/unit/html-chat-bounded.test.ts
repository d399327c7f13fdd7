// HTML chat exports are read in bounded memory: a page message by message (a small injected
// limit on the markup held at once would be broken by a reader that built the whole page), and a
// folder export one file at a time (a file system that counts what is held whole and open).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferChunks } from '../../src/chat/text.js';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit, Fact, SourceFile } from '../../src/evidence/model.js';
import { streamElements } from '../../src/formats/html-chat/stream-elements.js';
import { parseMetaHtml } from '../../src/formats/meta/html.js';
import { parseTelegramHtml } from '../../src/formats/telegram/html.js';
import type { ExportReader, ParseContext } from '../../src/formats/types.js';
import { nodeCaseFs, type CaseFs } from '../../src/io/case-fs.js';
import { tempDir } from '../helpers/temp-case.js';

const pad = (n: number) => String(n).padStart(2, '0');

function telegramMessage(id: number, text = `Message ${id} SENTINEL-${id}`): string {
  const d = new Date(Date.UTC(2024, 0, 1) + id * 60_000);
  const title = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00 UTC+00:00`;
  return `<div class="message default clearfix${id % 3 ? ' joined' : ''}" id="message${id}"><div class="body"><div class="pull_right date details" title="${title}">x</div>${id % 3 ? '' : `<div class="from_name">${id % 2 ? 'Dana Client' : 'Sam Seller'}</div>`}<div class="text">${text}</div></div></div>\n`;
}

function telegramPage(messages: string[]): string {
  return `<!DOCTYPE html><html><head><title>Exported Data</title></head><body><div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">Dana Client</div></div></div><div class="page_body chat_page"><div class="history">\n${messages.join('')}</div></div></div></body></html>\n`;
}

function metaPage(count: number, big?: number, ids: number[] = Array.from({ length: count }, (_, i) => count - i)): string {
  const blocks = ids.map((id) => {
    const text = id === big ? 'x'.repeat(20_000) : `Message ${id} SENTINEL-${id}`;
    const m = new Date(Date.UTC(2024, 0, 1) + id * 60_000);
    return `<div class="_3-95 _a6-g"><div class="_2ph_ _a6-h _a6-i">${id % 2 ? 'Dana Client' : 'Sam Seller'}</div><div class="_2ph_ _a6-p"><div><div></div><div>${text}</div><div></div><div></div></div></div><div class="_3-94 _a6-o"><div class="_a72d">Jan ${pad(m.getUTCDate())}, 2024 ${m.getUTCHours() % 12 || 12}:${pad(m.getUTCMinutes())}:00 ${m.getUTCHours() < 12 ? 'am' : 'pm'}</div></div></div>`;
  });
  return `<html><head><meta charset="utf-8" /><title>Dana Client</title></head><body><div class="_a706" role="main">${blocks.join('')}</div></body></html>`;
}

/** DiscordChatExporter's current layout: groups of three messages by one author, the postamble's count. */
function discordPage(count: number): string {
  const message = (id: number) => {
    const m = new Date(Date.UTC(2024, 0, 14) + id * 60_000); // days after the 12th: month/day order learnt
    const time = `1/${m.getUTCDate()}/2024 ${m.getUTCHours() % 12 || 12}:${pad(m.getUTCMinutes())} ${m.getUTCHours() < 12 ? 'AM' : 'PM'}`;
    const header =
      id % 3 === 1
        ? `<div class="chatlog__header"><span class="chatlog__author" title="${id % 2 ? 'dana' : 'sam'}">${id % 2 ? 'Dana Client' : 'Sam Seller'}</span> <span class="chatlog__timestamp">${time}</span></div>`
        : `<span class="chatlog__short-timestamp" title="${time}">x</span>`;
    return `<div id="chatlog__message-container-${id}" class="chatlog__message-container" data-message-id="${id}"><div class="chatlog__message"><div class="chatlog__message-primary">${header}<div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve">Message ${id} SENTINEL-${id}</span></div></div></div></div>\n`;
  };
  const groups = Array.from(
    { length: Math.ceil(count / 3) },
    (_, g) =>
      `<div class="chatlog__message-group">${[1, 2, 3]
        .map((i) => g * 3 + i)
        .filter((id) => id <= count)
        .map(message)
        .join('')}</div>\n`,
  );
  return `<!DOCTYPE html><html><head><title>Acme - support</title></head><body><div class="preamble"><div class="preamble__entries-container"><div class="preamble__entry">Acme</div><div class="preamble__entry">support</div></div></div><div class="chatlog">\n${groups.join('')}</div><div class="postamble"><div class="postamble__entry">Exported ${count} message(s)</div></div></body></html>\n`;
}

const fact = (value: string): Fact<string> => ({ value, source: 'case.yaml' });

function contextFor(file: string): ParseContext {
  const source: SourceFile = { file, absolutePath: `/nowhere/${file}`, bytes: 0, sha256: '0'.repeat(64) };
  return {
    source,
    open: () => bufferChunks(Buffer.alloc(0)),
    timezone: 'UTC',
    client: { name: fact('Dana Client'), email: fact('dana@example.com'), aliases: [] },
  };
}

/** A reader over in-memory pages, handing each out in small chunks as a file on disk would be. */
function memoryReader(files: Record<string, string>): ExportReader {
  return {
    names: Object.keys(files),
    read: async (name) => Buffer.from(files[name] ?? ''),
    open: (name) => bufferChunks(Buffer.from(files[name] ?? ''), 4096),
  };
}

const LIMIT = 4096;

describe('an HTML chat page is read message by message', () => {
  it('Telegram: 1500 messages over 320 KB are all read while never more than one message of markup is held', async () => {
    const messages = Array.from({ length: 1500 }, (_, i) => telegramMessage(i + 1));
    const page = telegramPage(messages);
    expect(page.length).toBeGreaterThan(80 * LIMIT);
    let peak = -1;
    const result = await parseTelegramHtml(contextFor('export/'), [{ dir: '', pages: ['messages.html'] }], memoryReader({ 'messages.html': page }), {
      maxElementChars: LIMIT,
      onPeak: (chars) => (peak = chars),
    });
    const chat = result.exhibits[0] as ChatExhibit;
    expect(chat.messages).toHaveLength(1500);
    expect(chat.messages[1499]!.text).toBe('Message 1500 SENTINEL-1500');
    // A joined message is given the sender before it, across the stream.
    expect(chat.messages[1]!.sender).toBe(chat.messages[0]!.sender);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(LIMIT);
    expect(result.findings.filter((f) => f.code === 'ITEM_DAMAGED')).toEqual([]);
  });

  it('Telegram: a block larger than the limit is left out and said, the messages around it still read', async () => {
    const page = telegramPage([telegramMessage(1), telegramMessage(2, 'y'.repeat(3 * LIMIT)), telegramMessage(3)]);
    const result = await parseTelegramHtml(contextFor('export/'), [{ dir: '', pages: ['messages.html'] }], memoryReader({ 'messages.html': page }), {
      maxElementChars: LIMIT,
    });
    const chat = result.exhibits[0] as ChatExhibit;
    expect(chat.messages.map((m) => m.text)).toEqual(['Message 1 SENTINEL-1', 'Message 3 SENTINEL-3']);
    const damaged = result.findings.filter((f) => f.code === 'ITEM_DAMAGED');
    expect(damaged).toHaveLength(1);
    expect(String(damaged[0]!.args.detail)).toMatch(/1 block\(s\) too large to be a message/);
  });

  it('Facebook: 1500 blocks are all read, oldest first, while one block of markup is held; a block over the limit is said', async () => {
    let peak = -1;
    const pages = { 'message_1.html': metaPage(1500) };
    const result = await parseMetaHtml(contextFor('thread/'), ['message_1.html'], memoryReader(pages), {
      maxElementChars: LIMIT,
      onPeak: (chars) => (peak = chars),
    });
    const chat = result.exhibits[0] as ChatExhibit;
    expect(chat.messages).toHaveLength(1500);
    expect(chat.messages[0]!.text).toBe('Message 1 SENTINEL-1');
    expect(chat.messages[1499]!.text).toBe('Message 1500 SENTINEL-1500');
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(LIMIT);
    const big = await parseMetaHtml(contextFor('thread/'), ['message_1.html'], memoryReader({ 'message_1.html': metaPage(5, 3) }), { maxElementChars: LIMIT });
    expect((big.exhibits[0] as ChatExhibit).messages.map((m) => m.text)).toEqual([1, 2, 4, 5].map((n) => `Message ${n} SENTINEL-${n}`));
    expect(big.findings.map((f) => f.code)).toContain('ITEM_DAMAGED');
  });

  it('Facebook: a thread of 6 pages is held a page at a time (not whole), read oldest first, even when pages overlap in time', async () => {
    // The download's order: message_1 holds the newest, each page newest first.
    const pages: Record<string, string> = {};
    for (let p = 1; p <= 6; p++)
      pages[`message_${p}.html`] = metaPage(
        0,
        undefined,
        Array.from({ length: 250 }, (_, i) => (7 - p) * 250 - i),
      );
    let heldBlocks = -1;
    let peak = -1;
    const result = await parseMetaHtml(contextFor('thread/'), Object.keys(pages), memoryReader(pages), {
      maxElementChars: LIMIT,
      onPeak: (chars) => (peak = chars),
      onHeldBlocks: (n) => (heldBlocks = n),
    });
    const texts = (result.exhibits[0] as ChatExhibit).messages.map((m) => m.text);
    expect(texts).toEqual(Array.from({ length: 1500 }, (_, i) => `Message ${i + 1} SENTINEL-${i + 1}`));
    // A reader keeping every block of the thread until it is sorted would hold all 1500.
    expect(heldBlocks).toBe(250);
    expect(peak).toBeLessThanOrEqual(LIMIT);
    // Pages whose times interleave (seeded shuffle across two pages) still come out in time order.
    let seed = 7;
    const ids = Array.from({ length: 400 }, (_, i) => i + 1);
    for (let i = ids.length - 1; i > 0; i--) {
      seed = (seed * 16807) % 2147483647;
      const j = seed % (i + 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const mixed = { 'message_1.html': metaPage(0, undefined, ids.slice(0, 200)), 'message_2.html': metaPage(0, undefined, ids.slice(200)) };
    const both = await parseMetaHtml(contextFor('thread/'), Object.keys(mixed), memoryReader(mixed));
    const times = (both.exhibits[0] as ChatExhibit).messages.map((m) => m.date.epochMs);
    expect(times).toHaveLength(400);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('the streaming helper says which element the file ends inside, and whether the file ends with </html>', async () => {
    const html = '<html><body><div class="m">one &amp; <b>two</b></div><div class="m">three<br>four</div><div class="m">cut';
    const seen: { text: string; whole: boolean }[] = [];
    const text = (el: { children: unknown[] }): string =>
      el.children.map((c) => (c as { data?: string }).data ?? ((c as { name?: string }).name === 'br' ? '|' : text(c as { children: unknown[] }))).join('');
    // One byte at a time: the parser keeps its place across any chunk boundary.
    const bytes = Buffer.from(html);
    const chunks = (async function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    })();
    const end = await streamElements(chunks, {
      isRoot: (_name, attribs) => attribs.class === 'm',
      onElement: (el, whole) => seen.push({ text: text(el), whole }),
    });
    expect(seen).toEqual([
      { text: 'one & two', whole: true },
      { text: 'three|four', whole: true },
      { text: 'cut', whole: false },
    ]);
    expect(end.closed).toBe(false);
  });
});

describe('a folder export is read one file at a time', () => {
  it('its files are hashed by stream, one open at once; only the pages and the photos shown are read, one by one', async () => {
    const dir = await tempDir();
    const exportDir = join(dir, 'ChatExport_2024-01-01');
    await mkdir(join(exportDir, 'css'), { recursive: true });
    await mkdir(join(exportDir, 'js'), { recursive: true });
    await mkdir(join(exportDir, 'video_files'), { recursive: true });
    await writeFile(join(exportDir, 'css', 'style.css'), 'body{}');
    await writeFile(join(exportDir, 'js', 'script.js'), 'void 0;');
    await writeFile(join(exportDir, 'video_files', 'video_1@01-01-2024_00-05-00.mp4'), Buffer.alloc(2 * 1024 * 1024, 7));
    for (let p = 1; p <= 3; p++) {
      const messages = Array.from({ length: 200 }, (_, i) => telegramMessage((p - 1) * 200 + i + 1));
      await writeFile(join(exportDir, `messages${p === 1 ? '' : p}.html`), telegramPage(messages));
    }
    await writeFile(join(dir, 'case.yaml'), 'case: bounded\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    const wholeReads: string[] = [];
    let open = 0;
    let mostOpen = 0;
    const fs: CaseFs = {
      ...nodeCaseFs,
      readFile: (path, max) => {
        if (path.startsWith(exportDir)) wholeReads.push(path.slice(exportDir.length + 1));
        return nodeCaseFs.readFile(path, max);
      },
      async *stream(path) {
        mostOpen = Math.max(mostOpen, ++open);
        try {
          yield* nodeCaseFs.stream(path);
        } finally {
          open--;
        }
      },
    };
    const analysis = await analyzeCase(dir, { fs, concurrency: 1 });
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages).toHaveLength(600);
    expect(mostOpen).toBe(1);
    // The pages are streamed, the video and the style sheet only hashed: nothing of the export is read whole.
    expect(wholeReads).toEqual([]);
    const members = analysis.sources.filter((s) => s.partOf === 'ChatExport_2024-01-01/').map((s) => s.file.replace(/^.*?\//, ''));
    expect(members.sort()).toEqual([
      'css/style.css',
      'js/script.js',
      'messages.html',
      'messages2.html',
      'messages3.html',
      'video_files/video_1@01-01-2024_00-05-00.mp4',
    ]);
    expect(analysis.sources.find((s) => s.file.endsWith('.mp4'))!.bytes).toBe(2 * 1024 * 1024);
  });

  it('a file that changes between its hash and its reading is refused, as the appendix would not name what was shown', async () => {
    const dir = await tempDir();
    const exportDir = join(dir, 'ChatExport');
    await mkdir(join(exportDir, 'css'), { recursive: true });
    await mkdir(join(exportDir, 'js'), { recursive: true });
    await writeFile(join(exportDir, 'css', 'style.css'), 'body{}');
    await writeFile(join(exportDir, 'js', 'script.js'), 'void 0;');
    const page = join(exportDir, 'messages.html');
    await writeFile(page, telegramPage([telegramMessage(1), telegramMessage(2)]));
    await writeFile(join(dir, 'case.yaml'), 'case: changed\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    let streams = 0;
    const fs: CaseFs = {
      ...nodeCaseFs,
      async *stream(path) {
        // The second time the page is opened (to be parsed, after its hash) it holds another message.
        if (path === page && ++streams === 2) {
          yield Buffer.from(telegramPage([telegramMessage(1), telegramMessage(2), telegramMessage(3)]));
          return;
        }
        yield* nodeCaseFs.stream(path);
      },
    };
    const analysis = await analyzeCase(dir, { fs, concurrency: 1 });
    expect(analysis.exhibits.filter((e) => e.kind === 'chat')).toEqual([]);
    const unreadable = analysis.findings.filter((f) => f.code === 'ITEM_UNREADABLE');
    expect(unreadable.map((f) => f.file)).toEqual(['ChatExport/messages.html']);
    expect(String(unreadable[0]!.args.detail)).toMatch(/changed while the export was read/);
  });

  it('a messages.html alone larger than what is read whole is streamed from disk, every message read', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'messages.html'), telegramPage(Array.from({ length: 300 }, (_, i) => telegramMessage(i + 1))));
    await writeFile(join(dir, 'case.yaml'), 'case: streamed\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    const analysis = await analyzeCase(dir, { wholeFileBytes: 4096 });
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages).toHaveLength(300);
    expect(chat.messages[299]!.text).toBe('Message 300 SENTINEL-300');
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('a DiscordChatExporter page larger than what is read whole is streamed, each message read; one the file ends inside is left out, not its group', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'export.html'), discordPage(300));
    await writeFile(join(dir, 'case.yaml'), 'case: discord\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\n');
    const analysis = await analyzeCase(dir, { wholeFileBytes: 4096 });
    const chat = analysis.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
    expect(chat.messages.map((m) => m.text)).toEqual(Array.from({ length: 300 }, (_, i) => `Message ${i + 1} SENTINEL-${i + 1}`));
    expect(analysis.findings.filter((f) => f.severity === 'error' || f.code === 'ITEM_DAMAGED')).toEqual([]);
    const page = discordPage(300);
    // Cut inside message 299, the second of the last group: the group's first is whole and kept.
    await writeFile(join(dir, 'export.html'), page.slice(0, page.indexOf('SENTINEL-299')));
    const cut = await analyzeCase(dir, { wholeFileBytes: 4096 });
    const texts = cut.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!.messages.map((m) => m.text);
    expect(texts).toHaveLength(298);
    expect(texts[297]).toBe('Message 298 SENTINEL-298');
    expect(cut.findings.map((f) => f.code)).toContain('ITEM_DAMAGED');
  });
});
