import { basename, dirname } from 'node:path';
import { bufferChunks, sampleText } from '../../chat/text.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { folderMediaExhibits } from '../html-chat/folder-media.js';
import { LinkedFiles } from '../linked-files.js';
import { readSignalHtml } from './read-html.js';
import { readSignalJson } from './read-json.js';
import { MD_HEADER, readSignalMarkdown } from './read-markdown.js';
import { rejectSource } from '../reject-source.js';

/**
 * Signal Desktop via signal-export (carderne): one folder per conversation, named after it,
 * holding `chat.md`, `index.html` (the same messages) and `media/`.
 */
const chatTitle = (file: string) => {
  // The conversation's folder: the source itself when it is the folder, else the file's.
  const folder = file.endsWith('/') ? basename(file) : basename(dirname(file));
  return folder && folder !== '.' ? `Signal chat: ${folder}` : undefined;
};

export const signalMarkdownAdapter: FormatAdapter = {
  id: 'signal-md',
  label: 'Signal via signal-export, Markdown (chat.md)',
  extensions: ['md'],
  ownsExtensions: false,
  streams: true,
  detect(sample) {
    const lines = sampleText(sample)
      .split(/\r?\n/, 200)
      .filter((l) => l.trim() !== '');
    // WhatsApp in ISO-date locales writes the same `[date time] Name: text` lines: signal-export
    // is told apart by the blank line after every message and Markdown's two-space line ends.
    const all = sampleText(sample).split(/\r?\n/, 400);
    const headers = all.flatMap((l, i) => (MD_HEADER.test(l) ? [i] : []));
    const signed = headers.filter(
      (i) => all[i]!.endsWith('  ') || all[i]!.endsWith(': ') || /\(This message was deleted\)$/.test(all[i]!) || (all[i - 1] ?? '') === '',
    ).length;
    if (headers.length === 0 || signed < Math.max(1, Math.ceil(headers.length * 0.8))) return 0;
    return MD_HEADER.test(lines[0] ?? '') || headers.length >= 2 ? 0.95 : 0;
  },
  parse: (ctx) => parseSignalMarkdown(ctx, undefined),
};

export const signalHtmlAdapter: FormatAdapter = {
  id: 'signal-html',
  label: 'Signal via signal-export, HTML (index.html)',
  extensions: ['html', 'htm'],
  ownsExtensions: false,
  detect(sample) {
    const text = sampleText(sample);
    return /<h1 class="?chat-title/.test(text) && /data-theme-choice|data-last-page/.test(text) && /class="?(?:msg|event|day)\b/.test(text) ? 0.9 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const collector = newCollector(ctx);
    const read = readSignalHtml(ctx.bytes ?? Buffer.alloc(0), collector, ctx.source.file, ctx.timezone);
    const tail = (ctx.bytes ?? Buffer.alloc(0)).subarray(-1024).toString('latin1');
    const findings = /<\/html>\s*$/i.test(tail)
      ? []
      : [
          makeFinding(
            'ITEM_DAMAGED',
            { file: ctx.source.file },
            { detail: 'the page ends without its closing </html>, so it was cut short: its last message may be incomplete' },
          ),
        ];
    return chatResult(ctx, collector, 'Signal', read.title ? `Signal chat: ${read.title}` : chatTitle(ctx.source.file), { findings });
  },
};

/** A signal-export conversation folder: chat.md beside index.html, data.json or media/. */
export const signalFolderFormat: FolderFormat = {
  id: 'signal',
  findFolders(files) {
    const set = new Set(files);
    return files
      .filter((f) => f.endsWith('/chat.md'))
      .map((f) => f.slice(0, -'/chat.md'.length))
      .filter((folder) => set.has(`${folder}/index.html`) || set.has(`${folder}/data.json`) || files.some((f) => f.startsWith(`${folder}/media/`)));
  },
  async parseFolder(ctx, reader) {
    // data.json, when the export wrote it, is read rather than the Markdown printed from the same messages.
    const unreadJson: Finding[] = [];
    if (reader.names.includes('data.json')) {
      const fromJson = await parseSignalJson(ctx, reader);
      if (fromJson) return fromJson;
      unreadJson.push(
        makeFinding(
          'ITEM_DAMAGED',
          { file: `${ctx.source.file}data.json` },
          { detail: 'no line of it is a message as signal-export writes one; chat.md is read instead' },
        ),
      );
    }
    const bytes = await reader.read('chat.md');
    if (!MD_HEADER.test(bytes.toString('utf8').split(/\r?\n/, 1)[0] ?? '')) {
      return rejectSource(makeFinding('ITEM_UNSUPPORTED', { file: ctx.source.file }, { detail: 'a folder with chat.md that is not a signal-export chat' }));
    }
    const result = await parseSignalMarkdown({ ...ctx, bytes, open: () => bufferChunks(bytes) }, reader);
    return unreadJson.length ? { ...result, findings: [...result.findings, ...unreadJson] } : result;
  },
};

/** The folder read from data.json; undefined when no line of it is a message (chat.md is read instead, with that said). */
async function parseSignalJson(ctx: ParseContext, reader: ExportReader): Promise<ParseResult | undefined> {
  const file = ctx.source.file;
  const collector = newCollector(ctx);
  const linked = LinkedFiles.over(collector, reader, file);
  const read = readSignalJson(await reader.read('data.json'), linked, `${file}data.json`, ctx.timezone);
  if (read.messages === 0) return undefined;
  const damaged = read.damaged.length
    ? [
        makeFinding(
          'ITEM_DAMAGED',
          { file: `${file}data.json`, line: read.damaged[0]! },
          {
            detail: `${read.damaged.length} line(s) of data.json are not a message signal-export writes (first at line ${read.damaged[0]}); they are left out`,
          },
        ),
      ]
    : [];
  const held = await linked.hold(reader);
  const result = chatResult(ctx, collector, 'Signal', chatTitle(file), { findings: damaged });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}

async function parseSignalMarkdown(ctx: ParseContext, folder: ExportReader | undefined): Promise<ParseResult> {
  const collector = newCollector(ctx);
  const file = ctx.source.file;
  // In its folder, the files a message links into media/ are shown after it; alone, they are named.
  const linked = folder ? LinkedFiles.over(collector, folder, file) : undefined;
  const read = await readSignalMarkdown(ctx.open(), linked ?? collector, file, ctx.timezone);
  if (read.messages === 0) return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: 'no signal-export message line in it' }));
  const held = linked && folder ? await linked.hold(folder) : [];
  const damage =
    read.orphans > 0
      ? [
          makeFinding(
            'ITEM_DAMAGED',
            { file, line: 1 },
            { detail: `${read.orphans} line(s) before the first message's time belong to no message, and are not shown` },
          ),
        ]
      : [];
  const result = chatResult(ctx, collector, 'Signal', chatTitle(file), { findings: damage });
  if (!result.exhibit || !folder || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, folder);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}
