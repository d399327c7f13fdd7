import { posix } from 'node:path';
import { sampleText } from '../../chat/text.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { folderMediaExhibits, holdFolderFile, type FolderAttachment, type HeldMessage } from '../html-chat/folder-media.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { LocalDateReader } from '../html-chat/local-date.js';
import { looksLikeMetaHtml, readMetaHtmlPage, type MetaBlock, type MetaHtmlPage } from './html-page.js';
import { openMember, readHead } from '../html-chat/open-member.js';
import { MAX_ELEMENT_CHARS } from '../html-chat/stream-elements.js';
import { readPageClock, timeOnClock } from './page-zone.js';

const LABEL = 'Facebook Messenger / Instagram message_N.html ("Download your information" in HTML)';

/** A message_N.html alone in the case: its photos, if any, are named in their messages. */
export const messengerHtmlAdapter: FormatAdapter = {
  id: 'messenger-html',
  label: LABEL,
  extensions: ['html'],
  ownsExtensions: false,
  // Read block by block from the file's stream: only the messages are held, not the page.
  streams: true,
  // The download's other pages (posts, comments, followers) share the markup: a conversation is
  // known by its file's name (message_N.html) or by its list of participants.
  detect: (sample, fileName) => {
    const text = sampleText(sample);
    return looksLikeMetaHtml(text) && (/(^|\/)message_\d+\.html?$/i.test(fileName) || /Participants:/.test(text)) ? 0.85 : 0;
  },
  parse: (ctx) => parseMetaHtml(ctx, [''], { names: [], read: async () => ctx.bytes ?? Buffer.alloc(0), open: () => ctx.open() }),
};

const PAGE = /^message_(\d+)\.html$/;
const MEDIA = /^(?:photos|videos|gifs|files|audio)\//;

/**
 * A thread's folder (`messages/inbox/<thread>/`) holding message_N.html and the media it
 * shows: one exhibit, its photos after their messages.
 */
export const messengerHtmlFolderFormat: FolderFormat = {
  id: 'messenger-html',
  findFolders(files) {
    const folders = new Set(files.filter((f) => /\/message_\d+\.html$/.test(f)).map((f) => f.slice(0, f.lastIndexOf('/'))));
    return [...folders].filter((folder) => files.some((f) => f.startsWith(`${folder}/`) && MEDIA.test(f.slice(folder.length + 1))));
  },
  parseFolder: (ctx, reader) =>
    parseMetaHtml(
      ctx,
      reader.names.filter((n) => PAGE.test(n)),
      reader,
    ),
};

/** Reads the thread's pages one at a time, keeping their messages; `limits` lets tests hold markup to a few characters. */
export async function parseMetaHtml(
  ctx: ParseContext,
  names: readonly string[],
  reader: ExportReader,
  limits: { maxElementChars?: number; onPeak?: (chars: number) => void } = {},
): Promise<ParseResult> {
  const file = ctx.source.file;
  const pages = [...names].sort((a, b) => Number(PAGE.exec(a)?.[1] ?? 0) - Number(PAGE.exec(b)?.[1] ?? 0));
  const pagesRead = await readPages(file, pages, reader, limits);
  if (!Array.isArray(pagesRead)) return pagesRead;
  const read = pagesRead;
  limits.onPeak?.(Math.max(0, ...read.map((r) => r.page.peakHeldChars)));
  // A long thread is held as its blocks alone: where each was is said only for those shown.
  const blocks = read.flatMap(({ page }, p) => page.blocks.map((b, i) => ({ b, p, i })));
  const whereOf = (x: { p: number; i: number }) => `${read[x.p]!.name ? `${read[x.p]!.name} ` : ''}message block ${x.i + 1}`;
  const instagram = /instagram/i.test(file) || read.some((r) => r.page.instagram);
  const format = instagram ? 'Instagram' : 'Messenger';
  const collector = newCollector(ctx);
  const dates = new LocalDateReader(
    blocks.map(({ b }) => b.time),
    ctx.item?.dateOrder,
  );
  if (dates.ambiguousSample)
    collector.report(makeFinding('ITEM_DATE_AMBIGUOUS', { file }, { format, orders: 'day/month or month/day', sample: dates.ambiguousSample }));
  const clock = readPageClock(
    read.flatMap((r) => r.page.stamps),
    ctx.timezone,
  );
  const dateOf = (text: string): DateFact | undefined => {
    const l = clock ? dates.local(text) : undefined;
    return clock && l ? timeOnClock(clock, l.local, text.trim(), l.precision) : dates.read(text, ctx.timezone);
  };
  const epochs = blocks.map((x) => dateOf(x.b.time)?.epochMs);
  for (const [k, x] of blocks.entries())
    if (epochs[k] === undefined)
      collector.report(
        makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where: whereOf(x), detail: x.b.time ? `"${x.b.time}" is not a time` : 'it has no time' }),
      );
  // The download lists newest first (message_1 the newest); the packet reads oldest first.
  const ordered = blocks.map((_, k) => k).filter((k) => epochs[k] !== undefined);
  ordered.sort((a, b) => epochs[a]! - epochs[b]! || b - a);
  const held: FolderAttachment[] = [];
  for (const k of ordered) {
    const { b } = blocks[k]!;
    const date = dateOf(b.time)!;
    const where = whereOf(blocks[k]!);
    const seq = collector.add({ date, ...(b.sender ? { sender: b.sender } : {}), text: b.text, attachments: b.media.map((m) => posix.basename(m)), where });
    await holdMedia(reader, b, { seq, date, sender: b.sender, where, file }, held, collector);
  }
  const findings = truncatedPages(file, read);
  const title = read[0]?.page.title;
  const result = chatResult(ctx, collector, format, title ? `${format} conversation: ${title}` : undefined, { findings });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}

/** Each page in turn, block by block; a page that is not Meta's refuses the whole export (returned as the result). */
async function readPages(
  file: string,
  pages: readonly string[],
  reader: ExportReader,
  limits: { maxElementChars?: number },
): Promise<ReadPage[] | ParseResult> {
  const read: ReadPage[] = [];
  for (const name of pages) {
    const head = await readHead(openMember(reader, name));
    if (!looksLikeMetaHtml(sampleText(head))) {
      const detail = describeHtmlPage(head) ?? `${name} is not an HTML page`;
      return {
        exhibits: [],
        findings: [
          makeFinding(
            'ITEM_UNSUPPORTED',
            { file },
            { detail: `${name}: ${detail} (a folder holding message_N.html and photos/ is read as a Facebook/Instagram download)` },
          ),
        ],
      };
    }
    read.push({ name, page: await readMetaHtmlPage(openMember(reader, name), limits) });
  }
  return read;
}

type ReadPage = { name: string; page: MetaHtmlPage };

/** A page cut short before its closing tag loses the messages after the cut, a block too large to be a message is left out: said for each. */
function truncatedPages(file: string, read: readonly ReadPage[]): Finding[] {
  return read
    .flatMap((r) => [
      ...(r.page.truncated
        ? [
            `${r.name ? `${r.name} ` : 'it '}ends before its closing </html>: it was cut short; a message it ends inside is left out, and the older messages it held are missing`,
          ]
        : []),
      ...(r.page.oversized
        ? [
            `${r.name ? `${r.name} ` : 'it '}holds ${r.page.oversized} block(s) too large to be a message (over ${MAX_ELEMENT_CHARS / 2 ** 20} M characters): left out`,
          ]
        : []),
    ])
    .map((detail) => makeFinding('ITEM_DAMAGED', { file }, { detail }));
}

/** The download links media from its root (`messages/inbox/<thread>/photos/…`): found by that path's end. */
async function holdMedia(
  reader: ExportReader,
  block: MetaBlock,
  message: HeldMessage,
  held: FolderAttachment[],
  findings: { report(f: Finding): void },
): Promise<void> {
  for (const ref of block.media) {
    const path = reader.names.find((n) => ref === n || ref.endsWith(`/${n}`));
    if (path && !PAGE.test(path)) await holdFolderFile(reader, path, message, held, findings);
  }
}
