import { bufferChunks, sampleText } from '../../chat/text.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { folderMediaExhibits } from '../html-chat/folder-media.js';
import { LinkedFiles } from '../linked-files.js';
import type { ExportReader, FolderFormat, ParseContext, ParseResult } from '../types.js';
import { imessageHtmlAdapter, imessageTxtAdapter } from './index.js';
import { readImessageHtml } from './read-html.js';
import { readImessageTxt } from './read-txt.js';
import { rejectSource } from '../reject-source.js';

/**
 * What imessage-exporter copies with `--copy-method` (clone, basic, full; compatible and
 * efficient before 2.0): `attachments/<chat id>/<file>` under the export folder, the chat id
 * "orphaned" for messages of no chat, the file named by the attachment's row id (a random UUID
 * before 2.0) with its extension.
 */
const COPIED = /^attachments\/(?:\d+|orphaned)\/[^/]+$/;
/** One file per conversation, beside the attachments folder. */
const CONVERSATION = /^[^/]+\.(?:txt|html?)$/i;

/**
 * An imessage-exporter export folder: its conversation files (`<contact or group>.txt|.html`)
 * with the `attachments/` folder the exporter copied the files into. Each attachment that is an
 * image or PDF is shown right after its message.
 */
export const imessageFolderFormat: FolderFormat = {
  id: 'imessage',
  findFolders(files) {
    const folders = new Set<string>();
    for (const f of files) {
      const at = f.indexOf('/attachments/');
      if (at > 0 && COPIED.test(f.slice(at + 1))) folders.add(f.slice(0, at));
    }
    // Only a folder whose own files include a conversation (the export's top level).
    return [...folders].filter((folder) => files.some((f) => f.startsWith(`${folder}/`) && CONVERSATION.test(f.slice(folder.length + 1))));
  },
  // Its conversations and what it copied; other evidence put beside them stays a file of its own.
  membersOf: (folder, files) =>
    files.filter((f) => f.startsWith(`${folder}/`) && (CONVERSATION.test(f.slice(folder.length + 1)) || f.startsWith(`${folder}/attachments/`))),
  parseFolder: parseImessageFolder,
};

async function parseImessageFolder(ctx: ParseContext, reader: ExportReader): Promise<ParseResult> {
  const file = ctx.source.file;
  const conversations = reader.names.filter((n) => CONVERSATION.test(n)).sort();
  const collector = newCollector(ctx);
  const linked = LinkedFiles.over(collector, reader, file);
  const findings: Finding[] = [];
  const titles: string[] = [];
  const read: { name: string; bytes: Buffer; html: boolean }[] = [];
  for (const name of conversations) {
    const bytes = await reader.read(name);
    const sample = bytes.subarray(0, 64 * 1024);
    const html = /\.html?$/i.test(name);
    if ((html ? imessageHtmlAdapter : imessageTxtAdapter).detect(sample, name) > 0) read.push({ name, bytes, html });
    // CSS and such are the exporter's; another chat or page dropped in its folder is said, not half-read.
    else if (sampleText(sample).trim() !== '')
      findings.push(
        makeFinding(
          'ITEM_UNSUPPORTED',
          { file: `${file}${name}` },
          {
            detail: `${html ? (describeHtmlPage(bytes) ?? 'an HTML page') : 'a text file'} in an imessage-exporter folder, not one of its conversations; move it out of the export's folder to have it read on its own`,
          },
        ),
      );
  }
  for (const { name, bytes, html } of read) {
    const title = name.replace(/\.(txt|html?)$/i, '');
    titles.push(title);
    const one = { ...ctx, source: { ...ctx.source, file: `${file}${name}` }, bytes, open: () => bufferChunks(bytes) };
    const sink = linked.within(read.length > 1 ? { conversation: title } : {});
    if (html) {
      readImessageHtml(one, sink);
      if (!/<\/html>\s*$/i.test(bytes.subarray(-1024).toString('latin1')))
        findings.push(
          makeFinding(
            'ITEM_DAMAGED',
            { file: `${file}${name}` },
            { detail: 'the page ends without its closing </html>, so it was cut short: its last message may be incomplete' },
          ),
        );
    } else await readImessageTxt(one, sink);
  }
  if (read.length === 0)
    return findings.length
      ? rejectSource(...findings)
      : rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: 'no imessage-exporter conversation (.txt or .html) in the folder' }));
  const title = titles.length === 1 ? `iMessage with ${titles[0]}` : `iMessage export (${titles.length} conversations)`;
  // Held before the collector is done: a file too large to show is its finding.
  const held = await linked.hold(reader);
  const result = chatResult(ctx, collector, 'iMessage', title, { findings });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}
