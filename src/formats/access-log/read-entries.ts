import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { parse as parseCsvStream } from 'csv-parse';
import { isRecord } from '../json-input.js';
import { entryFromRecord, FIELD_NAMES, matchClfLine, parseClfLine, type LogEntry, type LogProbe } from './parse-line.js';

export type LogKind = 'combined' | 'common' | 'jsonl' | 'csv';

export const KIND_LABEL: Readonly<Record<LogKind, string>> = {
  combined: 'Access log (Apache/nginx combined)',
  common: 'Access log (common log format)',
  jsonl: 'Access log (JSON lines)',
  csv: 'Access log (CSV of download events)',
};

const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The first bytes as text, a gzip file's unpacked (as far as the sample goes). */
export function sampleLines(sample: Buffer): string[] {
  let bytes = sample;
  if (isGzip(sample)) {
    try {
      bytes = gunzipSync(sample, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return [];
    }
  }
  return bytes
    .toString('utf8', 0, Math.min(bytes.length, 64 * 1024))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
}

const has = (names: readonly string[], wanted: readonly string[]) => wanted.some((w) => names.includes(w.toLowerCase()));

/** Which kind of access log the first lines are, by content: undefined when they are not one. */
export function sniffLogKind(lines: readonly string[]): LogKind | undefined {
  const head = lines[0];
  if (head === undefined) return undefined;
  const clf = parseClfLine(head);
  if (clf) return clf.combined ? 'combined' : 'common';
  if (head.trimStart().startsWith('{')) {
    try {
      const record = JSON.parse(head) as unknown;
      return isRecord(record) && entryFromRecord(record, undefined) ? 'jsonl' : undefined;
    } catch {
      return undefined;
    }
  }
  const names = head.split(/[,;\t]/).map((n) => n.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.length >= 3 && has(names, FIELD_NAMES.ip) && has(names, FIELD_NAMES.time) ? 'csv' : undefined;
}

/** The file's bytes unpacked when gzip, else as they are. */
async function* unpacked(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  if (head.done) return;
  const all = (async function* () {
    yield head.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  yield* isGzip(head.value) ? Readable.from(all).pipe(createGunzip()) : all;
}

/** A line read: the client's entry, or a damaged line (no entry). Other visitors' lines are never yielded. */
export interface ReadLine {
  readonly line: number;
  readonly entry: LogEntry | undefined;
}

export type KeepLine = (probe: LogProbe, raw: string) => boolean;

/** Lines of the unpacked text, a chunk's worth at a time (one await per chunk, not per line). */
async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  for await (const chunk of unpacked(chunks)) {
    let text = rest + decoder.write(chunk);
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
}

/**
 * The client's lines of the log, and its damaged ones, as they stream past (constant memory
 * whatever the file's size): every line is matched whole, and only the kept ones become entries.
 */
export async function* readEntries(
  chunks: AsyncIterable<Buffer>,
  kind: LogKind,
  zone: string | undefined,
  keep: KeepLine,
  stats: { lines: number },
): AsyncGenerator<ReadLine> {
  if (kind === 'csv') {
    yield* readCsvEntries(chunks, zone, keep, stats);
    return;
  }
  let line = 0;
  for await (const batch of lineBatches(chunks)) {
    for (let raw of batch) {
      line++;
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      if (raw.trim() === '') continue;
      stats.lines++;
      if (kind === 'jsonl') {
        const entry = jsonEntry(raw, zone);
        if (!entry) yield { line, entry: undefined };
        else if (keep(entry, raw)) yield { line, entry };
        continue;
      }
      const match = matchClfLine(raw);
      if (!match) yield { line, entry: undefined };
      else if (keep(match, raw)) yield { line, entry: match.entry() };
    }
  }
}

function jsonEntry(raw: string, zone: string | undefined): LogEntry | undefined {
  try {
    const record = JSON.parse(raw) as unknown;
    return isRecord(record) ? entryFromRecord(record, zone) : undefined;
  } catch {
    return undefined;
  }
}

async function* readCsvEntries(chunks: AsyncIterable<Buffer>, zone: string | undefined, keep: KeepLine, stats: { lines: number }): AsyncGenerator<ReadLine> {
  const parser = Readable.from(unpacked(chunks)).pipe(
    parseCsvStream({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }),
  );
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase());
      continue;
    }
    stats.lines++;
    const entry = entryFromRecord(Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])), zone);
    if (!entry) yield { line: info.lines, entry: undefined };
    else if (keep(entry, record.join(','))) yield { line: info.lines, entry };
  }
}
