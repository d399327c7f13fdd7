import { looksLikeZip, openZip, ZipReadError, ZipTooLargeError, zipNamesInSample, type ZipArchive } from '../io/zip.js';
import { makeFinding } from '../rules/codes.js';
import { parseSlackZip, slackRoot } from './slack/index.js';
import { parseTelegramHtmlZip, telegramHtmlZipRoot } from './telegram/html-zip.js';
import type { FormatAdapter, ParseResult } from './types.js';
import { parseWhatsAppZip, whatsappChatEntry } from './whatsapp/index.js';
import { rejectSource } from './reject-source.js';

/** An entry's name as text any output can hold: control characters shown as \xNN (they reach reports and the packet's pages). */
function visibleName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A .zip is opened and dispatched by what it holds: a WhatsApp export (a chat .txt and its
 * media), a Slack workspace export (users.json, channels.json and a folder per channel) or a
 * Telegram Desktop HTML export folder the user zipped (messages.html with its css/, js/, media).
 */
export const archiveAdapter: FormatAdapter = {
  id: 'zip',
  label: 'Zip archive: a WhatsApp chat with media, a Slack workspace export, or a zipped Telegram Desktop HTML export folder',
  extensions: ['zip'],
  streams: true,
  detect(sample, fileName) {
    if (!looksLikeZip(sample)) return 0;
    // Certain: a zip whose entries are stored uncompressed shows their text (a chat) in the
    // sample, which a text format must not take for its own.
    if (/\.zip$/i.test(fileName)) return 1;
    // Office documents, EPUBs and apps are zips too: only claim one that shows a chat inside.
    const names = zipNamesInSample(sample);
    return names.some((n) => /(^|\/)(_chat\.txt|WhatsApp Chat.*\.txt|users\.json|channels\.json|messages\.html|export_results\.html)$/i.test(n)) ? 1 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const file = ctx.source.file;
    let archive: ZipArchive;
    try {
      archive = await openZip(ctx.bytes ?? ctx.source.absolutePath);
    } catch (error) {
      if (error instanceof ZipTooLargeError) {
        const mib = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`;
        return rejectSource(
          makeFinding('ITEM_TOO_LARGE', { file }, { format: 'zip', size: `${mib(error.size)} unpacked`, limit: mib(error.limit), detail: error.message }),
        );
      }
      return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: error instanceof Error ? error.message : String(error) }));
    }
    // Links and device entries are never read: a link's "content" is the path it points to.
    const skipped = archive.skipped.map((s) => makeFinding('ITEM_ZIP_ENTRY_SKIPPED', { file }, { entry: visibleName(s.name), kind: s.kind }));
    try {
      const slack = slackRoot(archive.entries.map((e) => e.name));
      const withSkipped = (result: ParseResult): ParseResult => ({ ...result, findings: [...skipped, ...result.findings] });
      if (slack !== undefined) return withSkipped(await parseSlackZip(ctx, archive, slack));
      const chat = whatsappChatEntry(archive);
      if (chat) return withSkipped(await parseWhatsAppZip(ctx, archive, chat));
      const telegram = telegramHtmlZipRoot(archive.entries.map((e) => e.name));
      if (telegram !== undefined) return withSkipped(await parseTelegramHtmlZip(ctx, archive, telegram));
      const names = archive.entries
        .slice(0, 5)
        .map((e) => e.name)
        .join(', ');
      return rejectSource(
        makeFinding(
          'ITEM_UNSUPPORTED',
          { file },
          {
            detail: `a zip holding ${archive.entries.length} file(s) (${names}${archive.entries.length > 5 ? ', …' : ''}), neither a WhatsApp, a Slack nor a Telegram Desktop HTML export`,
          },
        ),
      );
    } catch (error) {
      if (error instanceof ZipReadError) return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: error.message }));
      throw error;
    } finally {
      archive.close();
    }
  },
};
