import { ChatCollector } from '../../chat/collect.js';
import type { Exhibit, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult } from '../chat-result.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { clientFilter } from './client-filter.js';
import type { LogEntry } from './parse-line.js';
import { KIND_LABEL, readEntries, sampleLines, sniffLogKind, type KeepLine, type LogKind } from './read-entries.js';
import { shortAgent } from './short-agent.js';
import { rejectSource } from '../reject-source.js';

/**
 * Web server access logs (Apache/nginx combined and common, JSON lines, CSV of download
 * events; plain or gzip), filtered to the client's lines by case.yaml `access_log:`. Each
 * line of the client's is one row of the exhibit; no other line is kept, so another visitor's
 * address never reaches the packet.
 */
export const accessLogAdapter: FormatAdapter = {
  id: 'access-log',
  label: 'Web server access log: Apache/nginx combined or common, JSON lines, CSV of downloads (plain or .gz), filtered by case.yaml access_log',
  extensions: ['log', 'gz', 'jsonl', 'ndjson', 'csv'],
  ownsExtensions: false,
  streams: true,
  detect(sample) {
    const kind = sniffLogKind(sampleLines(sample));
    // Above the generic CSV (0.4): a CSV with an IP and a time column is a log of requests.
    return kind === undefined ? 0 : kind === 'csv' ? 0.8 : 0.9;
  },
  async parse(ctx) {
    const file = ctx.source.file;
    const first: Buffer[] = [];
    for await (const chunk of ctx.open()) {
      first.push(chunk);
      if (first.reduce((n, c) => n + c.length, 0) >= 64 * 1024) break;
    }
    const kind = sniffLogKind(sampleLines(Buffer.concat(first)));
    if (!kind) return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: 'no access log lines in it' }));
    const isClient = clientFilter(ctx.accessLog);
    if (!isClient) return rejectSource(makeFinding('ACCESS_LOG_NO_FILTER', { file }));
    return readClientLines(ctx, kind, isClient);
  },
};

async function readClientLines(ctx: ParseContext, kind: LogKind, isClient: KeepLine): Promise<ParseResult> {
  const file = ctx.source.file;
  // No client party: every kept line is the client's by the filter, and is marked so below.
  const collector = new ChatCollector({ source: ctx.source, ...(ctx.item ? { item: ctx.item } : {}), ...(ctx.timezone ? { timezone: ctx.timezone } : {}) });
  const findings: Finding[] = [];
  const stats = { lines: 0 };
  let kept = 0;
  let damaged = 0;
  let firstDamaged = 0;
  try {
    for await (const { line, entry } of readEntries(ctx.open(), kind, ctx.timezone, isClient, stats)) {
      if (!entry) {
        if (damaged++ === 0) firstDamaged = line;
        continue;
      }
      kept++;
      collector.add({ date: entry.date, sender: entry.ip, text: describeEntry(entry), attachments: [], where: `line ${line}`, line });
    }
  } catch (error) {
    findings.push(
      makeFinding('ITEM_UNREADABLE', { file }, { detail: `stopped after ${stats.lines} line(s): ${error instanceof Error ? error.message : String(error)}` }),
    );
  }
  if (damaged > 0)
    findings.push(
      makeFinding(
        'ACCESS_LOG_LINES_DAMAGED',
        { file, line: firstDamaged },
        { count: damaged, first: firstDamaged, format: KIND_LABEL[kind].replace(/^Access log \((.*)\)$/, '$1') },
      ),
    );
  if (kept === 0) return rejectSource(...findings, makeFinding('ACCESS_LOG_NO_CLIENT_LINES', { file }, { lines: stats.lines }));
  const result = chatResult(ctx, collector, KIND_LABEL[kind], `The client’s requests: ${kept} of ${stats.lines} line(s)`, { findings });
  const exhibits: Exhibit[] = result.exhibits.map((e) => (e.kind === 'chat' ? { ...e, messages: e.messages.map((m) => ({ ...m, isClient: true })) } : e));
  return { exhibits, findings: result.findings };
}

/** `GET /files/theme.zip HTTP/1.1 → 200 · 48213 bytes · Chrome 122 on macOS · user jane` */
export function describeEntry(entry: LogEntry): string {
  const parts = [`${entry.request || '(no request line)'} → ${entry.status ?? '-'}`];
  if (entry.bytes !== undefined) parts.push(`${entry.bytes} bytes`);
  if (entry.agent) parts.push(shortAgent(entry.agent));
  if (entry.user) parts.push(`user ${entry.user}`);
  return parts.join(' · ');
}
