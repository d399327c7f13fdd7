import type { Exhibit, Finding, SourceFile } from '../evidence/model.js';
import type { ManifestItem } from '../case/schema.js';

export interface ParseContext {
  readonly source: SourceFile;
  readonly bytes: Buffer;
  /** The case's zone for times that carry no offset; undefined means UTC is assumed. */
  readonly timezone?: string;
  /** The manifest's entry for this file, with its date already parsed. */
  readonly item?: ManifestItem;
  readonly manifestDate?: import('../evidence/model.js').DateFact;
  /** Text of `<file>.note.txt`, when present. */
  readonly sidecarNote?: { text: string; file: string };
}

export interface ParseResult {
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
}

/** Every input format has this shape; the registry in ./index.ts lists them. */
export interface FormatAdapter {
  readonly id: string;
  readonly label: string;
  readonly extensions: readonly string[];
  /** 0 = not this format, 1 = certain. Reads content (the first bytes), not only the name. */
  detect(sample: Buffer, fileName: string): number;
  parse(ctx: ParseContext): Promise<ParseResult>;
}
