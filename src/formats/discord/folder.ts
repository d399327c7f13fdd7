import { posix } from 'node:path';
import { decodeText } from '../../chat/text.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { folderMediaExhibits } from '../html-chat/folder-media.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { readJson } from '../json-input.js';
import { LinkedFiles } from '../linked-files.js';
import type { ExportReader, FolderFormat, ParseContext, ParseResult } from '../types.js';
import { readCsv } from '../csv/index.js';
import { addDiscordJson, discordCsvAdapter, discordJsonAdapter } from './index.js';
import { addDiscordCsv } from './read-csv.js';
import { addDiscordRecords, discordHtmlAdapter, discordTxtAdapter, readDiscordTxt } from './exported-text.js';
import { readDiscordHtml } from './html-page.js';
import { rejectSource } from '../reject-source.js';

/** The exports DiscordChatExporter writes media for (`--media`): HTML (its default), JSON, TXT, CSV. */
const EXPORT = /\.(?:html|json|txt|csv)$/i;
/**
 * Its downloaded files: `<name, at most 42 characters>-<16 hex of the URL's SHA-256>.<ext>`
 * (5 hex before 2.44; the bare hash when the URL has no file name), see ExportAssetDownloader.
 */
const ASSET = /(?:^|-)(?:[0-9a-f]{16}|[0-9a-f]{5})(?:\.[^./]{1,41})?$/;
/** Its default output name: `<guild> - <channel> [<channel id>]`, a date range after it. */
const DEFAULT_NAME = / \[\d{15,21}\](?: \([^)]*\))?\.(?:html|json|txt|csv)$/i;

const dirOf = (f: string) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');
const under = (folder: string, f: string) => (folder ? f.startsWith(`${folder}/`) : true);
const rel = (folder: string, f: string) => (folder ? f.slice(folder.length + 1) : f);

/**
 * Of a folder's files, those of DiscordChatExporter exports with their media: each export beside
 * its `<export file name>_Files/` folder (the default of `--media`), and the exports under their
 * default names beside a folder of its downloaded files only (`--media-dir`, `--reuse-media`).
 */
function exportMembers(folder: string, files: readonly string[]): string[] {
  const inside = files.filter((f) => under(folder, f)).map((f) => rel(folder, f));
  const top = inside.filter((f) => !f.includes('/') && EXPORT.test(f));
  const withFiles = top.filter((f) => inside.some((g) => g.startsWith(`${f}_Files/`)));
  const mediaDirs = [...new Set(inside.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))))].filter(
    (d) => !d.endsWith('_Files') && inside.filter((f) => f.startsWith(`${d}/`)).every((f) => ASSET.test(posix.basename(f))),
  );
  const named = mediaDirs.length ? top.filter((f) => DEFAULT_NAME.test(f) && !withFiles.includes(f)) : [];
  const exports = [...withFiles, ...named];
  if (exports.length === 0) return [];
  const media = inside.filter((f) => exports.some((e) => f.startsWith(`${e}_Files/`)) || (named.length > 0 && mediaDirs.some((d) => f.startsWith(`${d}/`))));
  return [...exports, ...media].map((f) => (folder ? `${folder}/${f}` : f));
}

/** DiscordChatExporter exports with the media `--media` downloaded for them. */
export const discordMediaFolderFormat: FolderFormat = {
  id: 'discord-media',
  findFolders(files) {
    const folders = [...new Set(files.map(dirOf))].filter((d) => d !== '');
    return folders.filter((d) => exportMembers(d, files).length > 0);
  },
  membersOf: exportMembers,
  rootMembers: (files) => exportMembers('', files),
  parseFolder: parseDiscordFolder,
};

async function parseDiscordFolder(ctx: ParseContext, reader: ExportReader): Promise<ParseResult> {
  const file = ctx.source.file;
  const exports = reader.names.filter((n) => !n.includes('/') && EXPORT.test(n)).sort();
  const collector = newCollector(ctx);
  const linked = LinkedFiles.over(collector, reader, file);
  const findings: Finding[] = [];
  const titles: string[] = [];
  const files = new Set(reader.names);
  for (const name of exports) {
    const bytes = await reader.read(name);
    const one: ParseContext = { ...ctx, source: { ...ctx.source, file: `${file.replace(/^\.\/$/, '')}${name}` }, bytes };
    const sink = linked.within({ ...(exports.length > 1 ? { conversation: name.replace(EXPORT, '') } : {}), from: posix.dirname(name) });
    const title = readOne(one, name, bytes, sink, findings, files);
    if (title !== undefined) titles.push(title);
  }
  if (titles.length === 0)
    // What each file looked like is said when it was not Discord's; else that nothing could be read.
    return findings.length
      ? rejectSource(...findings)
      : rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: 'no DiscordChatExporter export beside its media folder' }));
  const held = await linked.hold(reader);
  const named = titles.filter(Boolean);
  const title = titles.length > 1 ? `Discord: ${titles.length} channels` : named[0];
  const result = chatResult(ctx, collector, 'Discord', title, { findings });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}

/** One export's messages added to `sink`; its title ('' for none), or undefined when it is not DiscordChatExporter's. */
function readOne(ctx: ParseContext, name: string, bytes: Buffer, sink: LinkedFiles, findings: Finding[], names: ReadonlySet<string>): string | undefined {
  const sample = bytes.subarray(0, 64 * 1024);
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const adapter = ext === 'json' ? discordJsonAdapter : ext === 'txt' ? discordTxtAdapter : ext === 'csv' ? discordCsvAdapter : discordHtmlAdapter;
  if (adapter.detect(sample, name) === 0) {
    findings.push(
      makeFinding(
        'ITEM_UNSUPPORTED',
        { file: ctx.source.file },
        {
          detail: `${(ext === 'html' ? describeHtmlPage(bytes) : undefined) ?? `a .${ext} file`}, not a DiscordChatExporter export, though a media folder is named after it`,
        },
      ),
    );
    return undefined;
  }
  if (ext === 'json') {
    const json = readJson(ctx);
    if (!json.ok) {
      findings.push(json.finding);
      return undefined;
    }
    return addDiscordJson(ctx, json.value, sink) ?? '';
  }
  if (ext === 'csv') {
    const csv = readCsv(ctx);
    if ('finding' in csv) {
      findings.push(csv.finding);
      return undefined;
    }
    // The CSV names no guild or channel: its file name (by default "<guild> - <channel> [<id>]") does.
    addDiscordCsv(ctx, csv.rows, sink, names);
    return `Discord: ${name.replace(EXPORT, '')}`;
  }
  const text = decodeText(bytes).text;
  const exported = ext === 'txt' ? readDiscordTxt(text) : readDiscordHtml(text);
  findings.push(...addDiscordRecords(ctx, exported, sink));
  return exported.title ?? '';
}
