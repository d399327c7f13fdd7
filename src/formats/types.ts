import type { CaseInfo, DateFact, Exhibit, Fact, Finding, OcrText, Party, SourceFile } from '../evidence/model.js';
import type { OcrInput } from '../ocr/ocr-engine.js';
import type { ManifestItem } from '../evidence/manifest-schema.js';
import type { FactCache } from '../io/fact-cache.js';

export interface ParseContext {
  readonly source: SourceFile;
  /**
   * The whole file. Undefined for a file too large to hold in memory, which only an adapter
   * with `streams: true` receives: it reads `open()` instead.
   */
  readonly bytes?: Buffer;
  /** The file's bytes as a stream (every adapter may use it; large files must). */
  open(): AsyncIterable<Buffer>;
  /** The case's zone for times that carry no offset; undefined means UTC is assumed. */
  readonly timezone?: string;
  /** The manifest's entry for this file, with its date already parsed. */
  readonly item?: ManifestItem;
  readonly manifestDate?: DateFact;
  /** Text of `<file>.note.txt`, when present. */
  readonly sidecarNote?: { text: string; file: string };
  /** `<image>.capture.json` beside an image: how `evidence-packet capture` got it. */
  readonly captureRecord?: { text: string; file: string /** SHA-256 of the WARC the record names, null when it cannot be read. */; warcSha256?: string | null };
  /** case.yaml's `access_log:`: which lines of an access log are the client's. */
  readonly accessLog?: CaseInfo['accessLog'];
  /** Who the client is, to recognise their messages. */
  readonly client?: Party;
  /** OCR of an image as the packet shows it, when OCR is on. */
  readonly ocr?: (input: OcrInput) => Promise<OcrText>;
  /** Facts derived from the file's bytes, kept between runs by its SHA-256. */
  readonly cache?: FactCache;
}

export interface ParseResult {
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
  /** Files read out of the source (a zip's media), hashed, for the appendix. */
  readonly innerSources?: SourceFile[];
  /** The client's email as the data gives it (emails, helpdesks), when case.yaml has none. */
  readonly clientEmail?: Fact<string>;
}

/** The files of an export that is a folder, or a zip, by name relative to it. */
export interface ExportReader {
  readonly names: readonly string[];
  read(name: string): Promise<Buffer>;
  /** The file as chunks, for a reader that holds one part of it at a time (else `read` is sliced). */
  open?(name: string): AsyncIterable<Buffer>;
  /**
   * Set when the export is read out of a zip (the case's file): each file is the entry named
   * this prefix plus its name, and is hashed for the appendix only when it is shown.
   */
  readonly zipEntryPrefix?: string;
}

/**
 * A format whose export is a folder of files rather than one file (an unpacked Slack export):
 * the folder is one exhibit, its files are hashed one by one for the appendix.
 */
export interface FolderFormat {
  readonly id: string;
  /** The folders among the case's files (case-relative, no trailing slash) that hold such an export. */
  findFolders(files: readonly string[]): string[];
  /**
   * When the case folder itself holds such an export (its files dropped in loose), the case's
   * files that belong to it, else none: the export is then one exhibit, named `./`.
   */
  rootMembers?(files: readonly string[]): string[];
  /**
   * The case's files that belong to the export in this folder, when not all of them do (an
   * export that is a file and its media folder, beside other evidence). Default: every file under it.
   */
  membersOf?(folder: string, files: readonly string[]): string[];
  /** `ctx.source` is the folder; `reader` names its files relative to it. */
  parseFolder(ctx: ParseContext, reader: ExportReader): Promise<ParseResult>;
}

/** Every input format has this shape; the registry in ./index.ts lists them. */
export interface FormatAdapter {
  readonly id: string;
  readonly label: string;
  readonly extensions: readonly string[];
  /**
   * False for extensions many formats share (.txt, .json, .csv): a file named so that is not
   * this format is simply another kind of file, not a broken one.
   */
  readonly ownsExtensions?: boolean;
  /** 0 = not this format, 1 = certain. Reads content (the first bytes), not only the name. */
  detect(sample: Buffer, fileName: string): number;
  parse(ctx: ParseContext): Promise<ParseResult>;
  /** Reads `ctx.open()` as a stream, so files of any size are parsed in bounded memory. */
  readonly streams?: boolean;
  /** Largest file it reads whole (default 100 MB); larger ones are refused with a finding. */
  readonly maxBytes?: number;
}
