import { sampleText } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { folderMediaExhibits } from '../html-chat/folder-media.js';
import { openMember, readHead } from '../html-chat/open-member.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { looksLikeTelegramHtml } from './html-page.js';
import { PAGE, pageNumber, readChat, type ChatPages, type ReadState } from './read-html-chat.js';
import { rejectSource } from '../reject-source.js';

/**
 * Telegram Desktop's default export ("Export chat history", HTML): `messages.html`,
 * `messages2.html`… of 1000 messages each, with css/, js/, images/ and the media folders
 * (photos/, files/, video_files/…); "Export Telegram data" puts each chat in
 * `chats/chat_NN/` under `export_results.html`. Read as tdesktop's export_output_html.cpp
 * writes it.
 */
export const TELEGRAM_HTML_LABEL = 'Telegram Desktop HTML export (messages.html, messages2.html… with media folders; one chat or the whole account)';

/** A Telegram messages*.html page alone in the case (without its export folder). */
export const telegramHtmlAdapter: FormatAdapter = {
  id: 'telegram-html',
  label: TELEGRAM_HTML_LABEL,
  extensions: ['html'],
  ownsExtensions: false,
  // Read message by message from the file's stream: a page of any size is held one message at a time.
  streams: true,
  detect: (sample) => (looksLikeTelegramHtml(sampleText(sample)) ? 0.9 : 0),
  parse: (ctx) =>
    parseTelegramHtml(ctx, [{ dir: '', pages: [ctx.source.file.replace(/^.*\//, '')] }], {
      names: [],
      read: async () => ctx.bytes ?? Buffer.alloc(0),
      open: () => ctx.open(),
    }),
};

/** tdesktop names media by message date: `photos/photo_1@14-03-2024_10-05-30.jpg` (PrepareFileNameDatePart). */
const TDESKTOP_MEDIA = /^(?:photos|files|video_files|voice_messages|round_video_messages|stickers)\/[^/]*@\d{2}-\d{2}-\d{4}_\d{2}-\d{2}-\d{2}/;
const ACCOUNT_CHAT = /^chats\/chat_[^/]+$/;
/** The folders tdesktop writes beside messages.html (export_output_html.cpp, export_data_types.cpp). */
const ROOT_FOLDERS = /^(?:css|js|images|photos|files|video_files|voice_messages|round_video_messages|stickers)\//;
/** What a whole-account export holds beside export_results.html. */
const ROOT_ACCOUNT = /^(?:chats|lists|profile_pictures|stories)\//;

/** Files (relative to a folder) that are a tdesktop chat export: pages with its css and js, more pages, or media named its way. */
function isChatExport(inside: readonly string[]): boolean {
  const has = (name: string) => inside.includes(name);
  return has('messages.html') && (has('messages2.html') || (has('css/style.css') && has('js/script.js')) || inside.some((f) => TDESKTOP_MEDIA.test(f)));
}

/**
 * An export folder in the case: messages.html with tdesktop's css/ and js/, further pages, or
 * media named as tdesktop names them beside it; or a whole-account export (export_results.html with chats/), whose chats
 * are then read within it.
 */
export const telegramHtmlFolderFormat: FolderFormat = {
  id: 'telegram-html',
  findFolders(files) {
    // A whole-account export's chats are read within it ('' when it lies loose in the case folder).
    const accounts = files
      .filter((f) => /(?:^|\/)export_results\.html$/.test(f) && files.some((c) => c.startsWith(f.replace(/export_results\.html$/, 'chats/'))))
      .map((f) => f.slice(0, -'export_results.html'.length).replace(/\/$/, ''));
    const chats = files
      .filter((f) => f.endsWith('/messages.html'))
      .map((f) => f.slice(0, -'/messages.html'.length))
      .filter((folder) => !accounts.some((a) => folder.startsWith(a ? `${a}/` : 'chats/')))
      .filter((folder) => isChatExport(files.filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1))));
    return [...accounts.filter((a) => a !== ''), ...chats];
  },
  rootMembers(files) {
    if (files.includes('export_results.html') && files.some((f) => f.startsWith('chats/')))
      return files.filter((f) => f === 'export_results.html' || ROOT_ACCOUNT.test(f) || ROOT_FOLDERS.test(f));
    const mine = files.filter((f) => /^messages\d*\.html$/.test(f) || ROOT_FOLDERS.test(f));
    return isChatExport(mine) ? mine : [];
  },
  parseFolder(ctx, reader) {
    const byDir = new Map<string, string[]>();
    for (const name of reader.names) {
      const dir = PAGE.exec(name)?.[1] ?? (PAGE.test(name) ? '' : undefined);
      if (dir !== undefined && (dir === '' || ACCOUNT_CHAT.test(dir))) byDir.set(dir, [...(byDir.get(dir) ?? []), name]);
    }
    const account = reader.names.includes('export_results.html');
    const chats = [...byDir].filter(([dir]) => (account ? dir !== '' : dir === '')).map(([dir, pages]) => ({ dir, pages }));
    return parseTelegramHtml(ctx, chats.length ? chats : [{ dir: '', pages: [] }], reader);
  },
};

/** Reads the chats' pages in order as one transcript; `limits` lets tests hold markup to a few characters. */
export async function parseTelegramHtml(
  ctx: ParseContext,
  chats: readonly ChatPages[],
  reader: ExportReader,
  limits: { maxElementChars?: number; onPeak?: (chars: number) => void } = {},
): Promise<ParseResult> {
  const file = ctx.source.file;
  const ordered = chats
    .map((c) => ({ ...c, pages: [...c.pages].sort((a, b) => pageNumber(a) - pageNumber(b)) }))
    .sort((a, b) => a.dir.localeCompare(b.dir, 'en', { numeric: true }));
  const firstName = ordered[0]?.pages[0];
  const first = firstName ? await readHead(openMember(reader, firstName)) : Buffer.alloc(0);
  if (!looksLikeTelegramHtml(sampleText(first.subarray(0, 64 * 1024)))) {
    const detail = describeHtmlPage(first) ?? 'its messages.html is missing or not an HTML page';
    return rejectSource(
      makeFinding('ITEM_UNSUPPORTED', { file }, { detail: `${detail} (a folder holding messages.html is read as a Telegram Desktop export)` }),
    );
  }
  const collector = newCollector(ctx);
  const state: ReadState = {
    ctx,
    collector,
    reader,
    findings: [],
    held: [],
    many: ordered.length > 1,
    daylight: { memo: new Map(), warned: false },
    peakHeldChars: 0,
    ...(limits.maxElementChars !== undefined ? { maxElementChars: limits.maxElementChars } : {}),
  };
  const titles: string[] = [];
  for (const chat of ordered) {
    const title = await readChat(state, chat);
    if (title) titles.push(title);
  }
  limits.onPeak?.(state.peakHeldChars);
  const title = titles.length === 1 ? `Telegram chat: ${titles[0]}` : titles.length > 1 ? `Telegram account export (${titles.length} chats)` : undefined;
  const result = chatResult(ctx, collector, 'Telegram', title, { findings: state.findings });
  if (!result.exhibit || state.held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, state.held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}
