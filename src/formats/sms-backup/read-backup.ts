import { createRequire } from 'node:module';
import type saxModule from 'sax';
import { CharRefMender } from './mend-char-refs.js';

/** One `<sms>` or `<mms>` element as the backup holds it (an MMS with its parts and addresses). */
export interface BackupRecord {
  readonly kind: 'sms' | 'mms';
  readonly attrs: Readonly<Record<string, string>>;
  readonly parts: readonly Readonly<Record<string, string>>[];
  readonly addrs: readonly Readonly<Record<string, string>>[];
  /** 1-based line where the element starts. */
  readonly line: number;
}

/** 64 MB of attachment as base64 (src/formats/attachments.ts shows none larger). */
export const MAX_ATTRIBUTE_CHARS = Math.ceil((64 * 1024 * 1024 * 4) / 3) + 4;

export interface BackupRead {
  /** The root element's name (`smses` for an SMS backup). */
  readonly root?: string;
  /** The root's `count`: how many messages the app says it wrote. */
  readonly declared?: number;
  /** Where and why the XML broke, when it did; the records before it were read. */
  readonly broken?: { line: number; reason: string };
  readonly records: number;
}

/**
 * Streams an SMS Backup & Restore file through a strict SAX parser, handing each message
 * to `onRecord` as its element closes: only one message (with its MMS parts) is in memory at
 * a time, whatever the size of the backup. Reading stops at the first XML error, and at a
 * root other than `<smses>` (the caller refuses such a file).
 */
// Required when a backup is first read: most cases hold none (see html-chat/html-libs.ts).
const require = createRequire(import.meta.url);

export async function readBackup(chunks: AsyncIterable<Buffer>, onRecord: (record: BackupRecord) => void): Promise<BackupRead> {
  // An MMS photo is one base64 attribute of several megabytes; sax refuses any value over its
  // buffer limit (64 KB by default), so the limit is the largest attachment shown, in base64.
  const sax = require('sax') as typeof saxModule;
  const limits = sax as unknown as { MAX_BUFFER_LENGTH: number };
  limits.MAX_BUFFER_LENGTH = Math.max(limits.MAX_BUFFER_LENGTH, MAX_ATTRIBUTE_CHARS);
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const state: { root?: string; declared?: number; broken?: { line: number; reason: string }; records: number; stop: boolean } = { records: 0, stop: false };
  let current:
    | { kind: 'sms' | 'mms'; attrs: Record<string, string>; parts: Record<string, string>[]; addrs: Record<string, string>[]; line: number }
    | undefined;
  parser.onerror = (error) => {
    const reason = error.message.split('\n')[0] ?? String(error);
    state.broken ??= { line: parser.line + 1, reason: /Max buffer length/.test(reason) ? 'a value longer than the largest attachment read, 64 MB' : reason };
    state.stop = true;
  };
  parser.onopentag = (node) => {
    const attrs = node.attributes as Record<string, string>;
    if (state.root === undefined) {
      state.root = node.name;
      const declared = Number(attrs.count);
      if (Number.isInteger(declared) && declared >= 0) state.declared = declared;
      if (node.name !== 'smses') state.stop = true;
      return;
    }
    if (node.name === 'sms' || node.name === 'mms') current = { kind: node.name, attrs, parts: [], addrs: [], line: parser.line + 1 };
    else if (node.name === 'part') current?.parts.push(attrs);
    else if (node.name === 'addr') current?.addrs.push(attrs);
  };
  parser.onclosetag = (name) => {
    if (!current || name !== current.kind) return;
    const record = current;
    current = undefined;
    state.records++;
    onRecord(record);
  };
  const decoder = new TextDecoder('utf-8');
  const mender = new CharRefMender();
  for await (const chunk of chunks) {
    parser.write(mender.push(decoder.decode(chunk, { stream: true })));
    if (state.stop) break;
  }
  if (!state.stop) {
    parser.write(mender.push(decoder.decode()) + mender.flush());
    try {
      parser.close();
    } catch {
      // onerror has recorded it.
    }
  }
  return {
    ...(state.root !== undefined ? { root: state.root } : {}),
    ...(state.declared !== undefined ? { declared: state.declared } : {}),
    ...(state.broken ? { broken: state.broken } : {}),
    records: state.records,
  };
}
