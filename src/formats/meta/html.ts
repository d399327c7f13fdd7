import { posix } from 'node:path';
import { sampleText } from '../../chat/text.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { folderMediaExhibits, holdFolderFile, type FolderAttachment, type HeldMessage } from '../html-chat/folder-media.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { looksLikeMetaHtml, readMetaHtmlPage, type MetaBlock } from './html-page.js';
import { openMember } from '../html-chat/open-member.js';
import { MAX_ELEMENT_CHARS } from '../html-chat/stream-elements.js';
import { learnThreadOrder, type ReadPage, type ThreadOrder } from './thread-order.js';

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

/**
 * Reads the thread in two passes, one page at a time: the first learns every message's instant
 * (the day/month order needs the whole thread), the second reads the pages again, oldest first,
 * handing each message on as soon as all older ones are; `limits` lets tests hold markup to a few
 * characters and see how many messages were held at once.
 */
export async function parseMetaHtml(
  ctx: ParseContext,
  names: readonly string[],
  reader: ExportReader,
  limits: { maxElementChars?: number; onPeak?: (chars: number) => void; onHeldBlocks?: (blocks: number) => void } = {},
): Promise<ParseResult> {
  const file = ctx.source.file;
  const pages = [...names].sort((a, b) => Number(PAGE.exec(a)?.[1] ?? 0) - Number(PAGE.exec(b)?.[1] ?? 0));
  const learnt = await learnThreadOrder(ctx, pages, reader, limits);
  if (!('ordered' in learnt)) return learnt;
  const { format } = learnt;
  limits.onPeak?.(Math.max(0, ...learnt.pages.map((r) => r.page.peakHeldChars)));
  const collector = newCollector(ctx);
  for (const f of learnt.findings) collector.report(f);
  const held: FolderAttachment[] = [];
  const replay = await replayOldestFirst(learnt, reader, limits, async (b, date, where) => {
    const seq = collector.add({ date, ...(b.sender ? { sender: b.sender } : {}), text: b.text, attachments: b.media.map((m) => posix.basename(m)), where });
    await holdMedia(reader, b, { seq, date, sender: b.sender, where, file }, held, collector);
  });
  limits.onHeldBlocks?.(replay.most);
  const findings = truncatedPages(file, learnt.pages);
  for (const name of replay.changed)
    findings.push(
      makeFinding(
        'ITEM_DAMAGED',
        { file },
        { detail: `${name || 'it'} changed while it was read: its messages that differ are left out; read the case again when nothing writes to it` },
      ),
    );
  const title = learnt.pages[0]?.page.title;
  const result = chatResult(ctx, collector, format, title ? `${format} conversation: ${title}` : undefined, { findings });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}

/**
 * The second pass: pages in the order their oldest message comes, each message handed to `emit`
 * once every older one was; returns the most messages held at once (a page's, for a download
 * whose pages follow each other in time) and the pages that read differently the second time.
 */
async function replayOldestFirst(
  thread: ThreadOrder,
  reader: ExportReader,
  limits: { maxElementChars?: number },
  emit: (block: MetaBlock, date: DateFact, where: string) => Promise<void>,
): Promise<{ most: number; changed: string[] }> {
  const { pages, ordered, epochs } = thread;
  const pageOf = (k: number) => pages.findLastIndex((r) => r.first <= k);
  const firstNeeded = new Map<number, number>();
  ordered.forEach((k, rank) => {
    const p = pageOf(k);
    if (!firstNeeded.has(p)) firstNeeded.set(p, rank);
  });
  const pending = new Map<number, { block: MetaBlock; where: string }>();
  const changed = new Set<string>();
  let next = 0;
  let most = 0;
  for (const p of [...firstNeeded.keys()].sort((a, b) => firstNeeded.get(a)! - firstNeeded.get(b)!)) {
    const { name, first } = pages[p]!;
    await readMetaHtmlPage(
      openMember(reader, name),
      (block, i) => {
        if (!Number.isNaN(epochs[first + i]!)) pending.set(first + i, { block, where: `${name ? `${name} ` : ''}message block ${i + 1}` });
      },
      limits,
    );
    most = Math.max(most, pending.size);
    for (let k = ordered[next]; k !== undefined && pending.has(k); k = ordered[++next]) {
      const { block, where } = pending.get(k)!;
      pending.delete(k);
      const date = thread.dateOf(block.time);
      // The page read again must say what it said the first time (else it changed meanwhile).
      if (date && date.epochMs === epochs[k]) await emit(block, date, where);
      else changed.add(name);
    }
  }
  for (const k of ordered.subarray(next)) changed.add(pages[pageOf(k)]!.name);
  return { most, changed: [...changed] };
}

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
