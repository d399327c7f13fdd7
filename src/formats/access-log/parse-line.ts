import type { DateFact } from '../../evidence/model.js';
import { epochFromExport, isoFromExport, isRecord } from '../json-input.js';

/** One request as a web server logged it. */
export interface LogEntry {
  readonly date: DateFact;
  readonly ip: string;
  readonly user?: string;
  /** `GET /files/theme.zip HTTP/1.1`, or what the log names the event (a CSV's file or action). */
  readonly request: string;
  readonly status?: number;
  readonly bytes?: number;
  readonly agent?: string;
}

/**
 * NCSA common log format, and Apache/nginx "combined" (common plus referrer and user agent):
 * `%h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-agent}i"`. A quoted field may hold `\"`.
 * The time's shape is part of the pattern, so a line is known whole or damaged in one match,
 * and the time is only computed for the lines kept.
 */
const CLF =
  /^(\S+) \S+ (\S+) \[(\d{1,2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{2}:?\d{2})\] "([^"\\]*(?:\\.[^"\\]*)*)" (\d{3}|-) (\d+|-)(?: "([^"\\]*(?:\\.[^"\\]*)*)" "([^"\\]*(?:\\.[^"\\]*)*)")?/;
const CLF_TIME = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? ([+-])(\d{2}):?(\d{2})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `10/Oct/2000:13:55:36 -0700`, the time Apache's %t and nginx's $time_local write. */
export function parseClfTime(text: string): DateFact | undefined {
  const m = CLF_TIME.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  if (month < 0 || Number(m[1]) > 31 || Number(m[4]) > 23) return undefined;
  const offsetMinutes = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  const local = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0);
  return { epochMs: local - offsetMinutes * 60_000, text, source: 'export', zone: 'offset', offsetMinutes, precision: 'second' };
}

const dash = (v: string | undefined) => (v === undefined || v === '-' || v === '' ? undefined : v);
const unescapeQuoted = (v: string) => v.replace(/\\(["\\])/g, '$1');

/** Who made a request, as the filter needs it: read before the rest of the line is. */
export interface LogProbe {
  readonly ip: string;
  readonly user?: string;
}

/** A common or combined line matched, its entry made on demand. */
export interface ClfMatch extends LogProbe {
  readonly combined: boolean;
  entry(): LogEntry | undefined;
}

/** One line of a common or combined log; undefined when it is not one. */
export function matchClfLine(line: string): ClfMatch | undefined {
  const m = CLF.exec(line);
  if (!m) return undefined;
  const user = dash(m[2]);
  return { ip: m[1]!, ...(user ? { user } : {}), combined: m[7] !== undefined, entry: () => clfEntry(m) };
}

function clfEntry(m: RegExpExecArray): LogEntry | undefined {
  const date = parseClfTime(m[3]!);
  if (!date) return undefined;
  const user = dash(m[2]);
  const status = dash(m[5]);
  const bytes = dash(m[6]);
  const agent = dash(m[8] === undefined ? undefined : unescapeQuoted(m[8]));
  return {
    date,
    ip: m[1]!,
    ...(user ? { user } : {}),
    request: unescapeQuoted(m[4]!),
    ...(status ? { status: Number(status) } : {}),
    ...(bytes ? { bytes: Number(bytes) } : {}),
    ...(agent ? { agent } : {}),
  };
}

/** One line of a common or combined log, whole; undefined when it is not one. */
export function parseClfLine(line: string): (LogEntry & { combined: boolean }) | undefined {
  const match = matchClfLine(line);
  const entry = match?.entry();
  return match && entry ? { ...entry, combined: match.combined } : undefined;
}

/** A value at a dotted path (`request.remote_ip`), or under a key written with dots (`client.ip` as one key). */
function at(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let value: unknown = record;
  for (const key of path.split('.')) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function first(record: Record<string, unknown>, paths: readonly string[]): unknown {
  for (const path of paths) {
    const value = at(record, path);
    if (value !== undefined && value !== null && value !== '' && value !== '-') return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Key names JSON access logs use: nginx/Apache with a JSON log_format (their variable names),
 * Caddy (`ts`, `request.remote_ip`, `request.headers.User-Agent`), Elastic Common Schema
 * (`@timestamp`, `source.ip`, `url.original`), and plain names a download service writes.
 */
export const FIELD_NAMES = {
  time: ['time', 'timestamp', '@timestamp', 'ts', 'time_iso8601', 'time_local', 'datetime', 'date', 'downloaded_at', 'created_at'],
  ip: [
    'remote_addr',
    'remote_ip',
    'client_ip',
    'clientip',
    'ip',
    'ip_address',
    'request.remote_ip',
    'request.client_ip',
    'source.ip',
    'client.ip',
    'http_x_forwarded_for',
  ],
  user: ['remote_user', 'user', 'username', 'user_id', 'email', 'user.name', 'user.email', 'account'],
  request: ['request', 'request_line', 'event', 'action'],
  method: ['method', 'request_method', 'request.method', 'http.request.method'],
  path: ['uri', 'request_uri', 'path', 'url', 'file', 'request.uri', 'url.original', 'url.path'],
  status: ['status', 'status_code', 'response_status', 'http.response.status_code'],
  bytes: ['bytes', 'body_bytes_sent', 'bytes_sent', 'size', 'response_bytes', 'http.response.body.bytes'],
  agent: ['http_user_agent', 'user_agent', 'ua', 'agent', 'request.headers.User-Agent', 'user_agent.original'],
} as const;

/** A time as JSON and CSV logs write it: ISO 8601, the CLF form, or epoch seconds or milliseconds. */
export function parseLogTime(value: unknown, zone: string | undefined): DateFact | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}(?:\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    return epochFromExport(n, n > 1e11 ? 'ms' : 's', 'time');
  }
  if (typeof value !== 'string') return undefined;
  return isoFromExport(value.trim().replace(/^\[|\]$/g, ''), zone) ?? parseClfTime(value.replace(/^\[|\]$/g, ''));
}

const numberOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** An entry from a record (a JSON line, or a CSV row by its header); undefined without a time and an IP. */
export function entryFromRecord(record: Record<string, unknown>, zone: string | undefined): LogEntry | undefined {
  const date = parseLogTime(first(record, FIELD_NAMES.time), zone);
  const ipValue = first(record, FIELD_NAMES.ip);
  if (!date || typeof ipValue !== 'string') return undefined;
  // X-Forwarded-For lists the client first.
  const ip = ipValue.split(',')[0]!.trim();
  const method = first(record, FIELD_NAMES.method);
  const path = first(record, FIELD_NAMES.path);
  const named = first(record, FIELD_NAMES.request);
  const request = typeof named === 'string' ? named : [method, path].filter((v) => typeof v === 'string').join(' ');
  const user = first(record, FIELD_NAMES.user);
  const status = numberOf(first(record, FIELD_NAMES.status));
  const bytes = numberOf(first(record, FIELD_NAMES.bytes));
  const agent = first(record, FIELD_NAMES.agent);
  return {
    date,
    ip,
    ...(typeof user === 'string' || typeof user === 'number' ? { user: String(user) } : {}),
    request: request || (typeof path === 'string' ? path : ''),
    ...(status !== undefined ? { status } : {}),
    ...(bytes !== undefined ? { bytes } : {}),
    ...(typeof agent === 'string' ? { agent } : {}),
  };
}
