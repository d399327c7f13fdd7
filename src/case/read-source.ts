import { CAPTURE_SIDECAR_SUFFIX } from '../evidence/capture-record.js';
import { createHash } from 'node:crypto';
import type { CaseInfo, Exhibit, Fact, Finding, SourceFile } from '../evidence/model.js';
import { errnoCode } from '../errors.js';
import { describeContent } from '../formats/describe-content.js';
import { adapterForExtension, describeHtmlPage, detectFormat, SNIFF_BYTES, type FolderFormat, type FormatAdapter } from '../formats/index.js';
import { formatBytes } from '../budget/profiles.js';
import { makeFinding } from '../rules/codes.js';
import { keyLocation, type ManifestPlace } from '../rules/manifest-place.js';
import { bufferChunks } from '../chat/text.js';
import { joinPath, type CaseFs } from '../io/case-fs.js';
import type { FactCache } from '../io/fact-cache.js';
import type { OcrEngine, OcrInput } from '../ocr/ocr-engine.js';
import type { ExportReader, ParseResult } from '../formats/types.js';
import type { IndexedItem } from './manifest-items.js';
import { rejectSource } from '../formats/reject-source.js';

/** What reading any one source needs: where the case is, its facts and its helpers. */
export interface ReadContext {
  readonly fs: CaseFs;
  readonly root: string;
  readonly info: CaseInfo;
  /** case.yaml, to anchor an item's findings at its keys. */
  readonly place: ManifestPlace | undefined;
  /** Reads the text in screenshots; none = OCR off. */
  readonly ocr: OcrEngine | undefined;
  readonly cache: FactCache | undefined;
  /** Files up to this size are read whole (default WHOLE_FILE_BYTES); tests lower it to stream a small file. */
  readonly wholeFileBytes?: number;
  /** Told as each file of a folder export is read (for progress). */
  readonly onFileRead?: (file: string) => void;
}

export interface SourceResult {
  readonly source?: SourceFile;
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
  readonly innerSources?: SourceFile[];
  readonly clientEmail?: Fact<string>;
}

/** Files up to this size are read whole; larger ones are streamed (if their format allows). */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;
/** Largest file a format that needs the whole file (JSON, images) is read into memory. */
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/** Reads, hashes and parses one file of the case with the adapter its content calls for. */
export async function readSource(ctx: ReadContext, file: string, sidecar: string | undefined, indexed: IndexedItem | undefined): Promise<SourceResult> {
  const absolutePath = joinPath(ctx.root, file);
  const unreadable = (error: unknown) => makeFinding('ITEM_UNREADABLE', { file }, { detail: errnoCode(error) ?? String(error) });
  let read: { bytes?: Buffer; sha256: string; size: number; sample: Buffer };
  try {
    read = await readAndHash(ctx.fs, absolutePath, ctx.wholeFileBytes ?? WHOLE_FILE_BYTES);
  } catch (error) {
    return rejectSource(unreadable(error));
  }
  const { sha256, size, sample } = read;
  if (isOwnReport(sample)) return rejectSource(makeFinding('ITEM_OWN_OUTPUT_SKIPPED', { file }, { what: 'a report' }));
  const adapter = detectFormat(sample, file);
  const source: SourceFile = { file, absolutePath, bytes: size, sha256, ...(adapter ? { format: adapter.id } : {}) };
  if (!adapter) return { source, ...rejectSource(unrecognised(file, sample, size)) };
  let bytes = read.bytes;
  if (!bytes && !adapter.streams) {
    const tooLarge = tooLargeFor(adapter, file, size);
    if (tooLarge) return { source, ...rejectSource(tooLarge) };
    try {
      bytes = await ctx.fs.readFile(absolutePath);
    } catch (error) {
      return { source, ...rejectSource(unreadable(error)) };
    }
  }
  const sidecarNote = sidecar ? await readSidecar(ctx, sidecar) : undefined;
  const captureRecord = adapter.id === 'image' ? await readCaptureRecord(ctx, file) : undefined;
  const whole = bytes;
  const result = await adapter.parse({
    source,
    ...(whole ? { bytes: whole } : {}),
    open: () => (whole ? bufferChunks(whole) : ctx.fs.stream(absolutePath)),
    ...(ctx.info.timezone ? { timezone: ctx.info.timezone.value } : {}),
    ...(indexed ? { item: indexed.item } : {}),
    ...(indexed?.date ? { manifestDate: indexed.date } : {}),
    ...(sidecarNote ? { sidecarNote } : {}),
    ...(captureRecord ? { captureRecord } : {}),
    client: ctx.info.client,
    ...(ctx.info.accessLog ? { accessLog: ctx.info.accessLog } : {}),
    ...(ctx.ocr ? { ocr: (input: OcrInput) => ctx.ocr!.recognize(input) } : {}),
    ...(ctx.cache ? { cache: ctx.cache } : {}),
  });
  return { source, ...result, findings: anchorFindings(ctx, result.findings, file, indexed) };
}

/**
 * A folder export (an unpacked Slack export) is one exhibit: its files are hashed one by one for the appendix (streamed, each told
 * to `onFileRead`), then read by its format as it needs them, one at a time: a folder of any size is never held whole. A file that
 * changes between the two reads is refused, as the appendix would not name what was shown.
 */
export async function readFolderExport(
  ctx: ReadContext,
  format: FolderFormat,
  folder: string,
  members: readonly string[],
  indexed: IndexedItem | undefined,
): Promise<SourceResult> {
  // An export loose in the case folder (folder '') is named `./`; its files keep their case-relative names.
  const file = folder ? `${folder}/` : './';
  const memberSources: SourceFile[] = [];
  const tree = createHash('sha256');
  let total = 0;
  for (const member of members) {
    let hashed: { sha256: string; size: number };
    try {
      hashed = await hashStream(ctx.fs.stream(joinPath(ctx.root, member)));
    } catch (error) {
      return rejectSource(makeFinding('ITEM_UNREADABLE', { file: member }, { detail: errnoCode(error) ?? String(error) }));
    } finally {
      ctx.onFileRead?.(member);
    }
    tree.update(`${hashed.sha256}  ${member}\n`);
    total += hashed.size;
    memberSources.push({ file: member, absolutePath: joinPath(ctx.root, member), bytes: hashed.size, sha256: hashed.sha256, format: format.id, partOf: file });
  }
  const source: SourceFile = { file, absolutePath: joinPath(ctx.root, folder), bytes: total, sha256: tree.digest('hex'), format: format.id };
  const reader = folderReader(ctx, memberSources, folder ? file.length : 0);
  let result: ParseResult;
  try {
    result = await format.parseFolder(
      {
        source,
        open: () => bufferChunks(Buffer.alloc(0)),
        ...(ctx.info.timezone ? { timezone: ctx.info.timezone.value } : {}),
        ...(indexed ? { item: indexed.item } : {}),
        client: ctx.info.client,
        ...(ctx.ocr ? { ocr: (input: OcrInput) => ctx.ocr!.recognize(input) } : {}),
        ...(ctx.cache ? { cache: ctx.cache } : {}),
      },
      reader,
    );
  } catch (error) {
    const member = error instanceof MemberReadError ? error.member : file;
    const detail = error instanceof MemberReadError ? error.detail : (errnoCode(error) ?? String(error));
    if (!(error instanceof MemberReadError) && errnoCode(error) === undefined) throw error;
    return { source, ...rejectSource(makeFinding('ITEM_UNREADABLE', { file: member }, { detail })) };
  }
  // The attachments a folder export shows (an Apple Mail mailbox's) are listed besides its files.
  return { ...result, innerSources: [...memberSources, ...(result.innerSources ?? [])], findings: anchorFindings(ctx, result.findings, file, indexed) };
}

/** A file of a folder export that could not be read again as it was hashed. */
class MemberReadError extends Error {
  constructor(
    readonly member: string,
    readonly detail: string,
  ) {
    super(`${member}: ${detail}`);
  }
}

/** The folder's files by name relative to it, each read (or streamed) when asked and checked against its hash. */
function folderReader(ctx: ReadContext, members: readonly SourceFile[], prefix: number): ExportReader {
  const byName = new Map(members.map((m) => [m.file.slice(prefix), m]));
  const changed = (m: SourceFile) => new MemberReadError(m.file, 'it changed while the export was read: read the case again when nothing writes to its folder');
  const failed = (m: SourceFile, error: unknown) => (error instanceof MemberReadError ? error : new MemberReadError(m.file, errnoCode(error) ?? String(error)));
  return {
    names: [...byName.keys()],
    async read(name) {
      const m = byName.get(name);
      if (!m) return Buffer.alloc(0);
      const bytes = await ctx.fs.readFile(m.absolutePath).catch((error: unknown) => Promise.reject(failed(m, error)));
      if (createHash('sha256').update(bytes).digest('hex') !== m.sha256) throw changed(m);
      return bytes;
    },
    async *open(name) {
      const m = byName.get(name);
      if (!m) return;
      const hash = createHash('sha256');
      try {
        for await (const chunk of ctx.fs.stream(m.absolutePath)) {
          hash.update(chunk);
          yield chunk;
        }
      } catch (error) {
        throw failed(m, error);
      }
      if (hash.digest('hex') !== m.sha256) throw changed(m);
    },
  };
}

async function hashStream(chunks: AsyncIterable<Buffer>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The file whole when it is small, else streamed: its SHA-256, size and first bytes either way. */
async function readAndHash(fs: CaseFs, path: string, wholeFileBytes: number): Promise<{ bytes?: Buffer; sha256: string; size: number; sample: Buffer }> {
  const stat = await fs.stat(path);
  if (stat.size <= wholeFileBytes) {
    const bytes = await fs.readFile(path);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, sample: bytes.subarray(0, SNIFF_BYTES) };
  }
  const hash = createHash('sha256');
  let size = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of fs.stream(path)) {
    hash.update(chunk);
    size += chunk.length;
    if (headBytes < SNIFF_BYTES) {
      head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
      headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
    }
  }
  return { sha256: hash.digest('hex'), size, sample: Buffer.concat(head) };
}

function tooLargeFor(adapter: FormatAdapter, file: string, size: number): Finding | undefined {
  const max = adapter.maxBytes ?? DEFAULT_MAX_BYTES;
  return size > max ? makeFinding('ITEM_TOO_LARGE', { file }, { size: formatBytes(size), limit: formatBytes(max), format: adapter.label }) : undefined;
}

/** `<file>.note.txt`: its text, when it has any. */
async function readSidecar(ctx: ReadContext, sidecar: string): Promise<{ text: string; file: string } | undefined> {
  const text = await ctx.fs.readFile(joinPath(ctx.root, sidecar)).then(
    (b) => b.toString('utf8').trim(),
    () => '',
  );
  return text ? { text, file: sidecar } : undefined;
}

/** `<image>.capture.json`, written by `evidence-packet capture`, when there is one. */
async function readCaptureRecord(ctx: ReadContext, file: string): Promise<{ text: string; file: string; warcSha256?: string | null } | undefined> {
  const sidecar = file + CAPTURE_SIDECAR_SUFFIX;
  const text = await ctx.fs.readFile(joinPath(ctx.root, sidecar)).then(
    (b) => b.toString('utf8'),
    () => undefined,
  );
  if (text === undefined) return undefined;
  // The WARC it names (`capture --warc`) is hashed here, so the record's hash for it can be checked.
  const warc = namedWarc(text);
  if (warc === undefined) return { text, file: sidecar };
  const beside = file.includes('/') ? `${file.slice(0, file.lastIndexOf('/') + 1)}${warc}` : warc;
  const warcSha256 = await ctx.fs.readFile(joinPath(ctx.root, beside)).then(
    (b) => createHash('sha256').update(b).digest('hex'),
    () => null,
  );
  return { text, file: sidecar, warcSha256 };
}

/** The WARC file a capture record names, when it names a plain file name (never a path elsewhere). */
function namedWarc(text: string): string | undefined {
  try {
    const file = (JSON.parse(text) as { warc?: { file?: unknown } }).warc?.file;
    return typeof file === 'string' && /^[^/\\]+$/.test(file) && file !== '..' ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Adapters name manifest keys relative to the item; anchor them to case.yaml. */
function anchorFindings(ctx: ReadContext, findings: readonly Finding[], file: string, indexed: IndexedItem | undefined): Finding[] {
  const { place } = ctx;
  return findings.map((f) => {
    if (f.path === undefined || !indexed || !place) return f;
    const path = [
      'items',
      indexed.index,
      ...f.path
        .split(/[.[\]]+/)
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    ];
    return { ...f, ...keyLocation(place, path), args: { ...f.args, item: file } };
  });
}

/** A build report (`--report`): JSON whose `tool` names evidence-packet. */
function isOwnReport(sample: Buffer): boolean {
  const head = sample.subarray(0, 512).toString('utf8');
  return /^\s*\{\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"evidence-packet"/.test(head);
}

function unrecognised(file: string, bytes: Buffer, size: number): Finding {
  if (size === 0) return makeFinding('ITEM_UNREADABLE', { file }, { detail: 'the file is empty (0 bytes)' });
  const claimed = adapterForExtension(file);
  // An HTML page no chat reader took is refused whole, named by what it looks like.
  const page = bytes.subarray(0, 4096).includes(0) ? undefined : describeHtmlPage(bytes);
  if (page) return makeFinding('ITEM_UNSUPPORTED', { file }, { detail: page });
  const content = describeContent(bytes);
  if (claimed) {
    const ext = file.slice(file.lastIndexOf('.'));
    return makeFinding('ITEM_UNREADABLE', { file }, { detail: `named ${ext} but its content is ${content}, not ${claimed.label}` });
  }
  return makeFinding('ITEM_UNSUPPORTED', { file }, { detail: content });
}
