import type { AddressObject, ParsedMail } from 'mailparser';
import type { ChatCollector } from '../../chat/collect.js';
import { sampleText } from '../../chat/text.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { attachmentExhibits, holdAttachment, type HeldAttachment } from '../attachments.js';
import type { FormatAdapter, ParseContext } from '../types.js';

/**
 * Email: a single message (.eml, as Thunderbird, Apple Mail and Outlook on the web save
 * it) or a mailbox (.mbox: mboxo/mboxrd, Thunderbird's folders, Gmail Takeout). Each
 * message gives its Date (with the sender's UTC offset), From, To, Subject and plain-text
 * body (HTML-only mail is converted to text). A message without a usable Date is a finding:
 * the current time is never used in its place.
 */
const HEADER_NAMES = /^(from|to|subject|date|message-id|received|mime-version|return-path|delivered-to|content-type|x-[\w-]+|reply-to|cc|dkim-signature|x-gm-thrid):/i;
const MBOX_SEPARATOR = /^From \S*.*(?:\d{4}|\d\d:\d\d)/;

function headerBlock(text: string): string[] {
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).split(/\r?\n/).filter((l) => !/^[ \t]/.test(l));
}

export function looksLikeEml(text: string): boolean {
  const lines = headerBlock(text);
  if (!lines[0] || !/^[A-Za-z][\w-]*:/.test(lines[0])) return false;
  const known = lines.filter((l) => HEADER_NAMES.test(l)).length;
  const mime = /^(content-type:\s*multipart\/|mime-version:)/i.test(lines[0]);
  return (known >= 2 || mime) && lines.every((l) => /^[\x21-\x39\x3b-\x7e]+:/.test(l));
}

export function looksLikeMbox(text: string): boolean {
  const [first, ...rest] = text.split(/\r?\n/, 40);
  return first !== undefined && MBOX_SEPARATOR.test(first) && looksLikeEml(rest.join('\n'));
}

export const emailAdapter: FormatAdapter = {
  id: 'email',
  label: 'Email (.eml message, .mbox mailbox incl. Thunderbird and Gmail Takeout)',
  extensions: ['eml', 'mbox'],
  streams: true,
  detect(sample) {
    const text = sampleText(sample);
    return looksLikeMbox(text) ? 0.9 : looksLikeEml(text) ? 0.85 : 0;
  },
  async parse(ctx) {
    const collector = newCollector(ctx);
    const held: HeldAttachment[] = [];
    const isMbox = looksLikeMbox(sampleText(ctx.bytes ?? (await firstChunk(ctx))));
    if (isMbox) await readMbox(ctx, collector, held);
    else {
      // One message is read whole (mailparser holds it several times over): bounded as a mailbox's are.
      if (ctx.source.bytes > MAX_MESSAGE_BYTES) {
        const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
        return { exhibits: [], findings: [makeFinding('ITEM_TOO_LARGE', { file: ctx.source.file }, { format: 'email message', size: mib(ctx.source.bytes), limit: mib(MAX_MESSAGE_BYTES) })] };
      }
      const bytes = ctx.bytes ?? Buffer.concat(await collect(ctx.open()));
      await addMessage(ctx, collector, bytes, 'the message', 1, held);
    }
    const result = chatResult(ctx, collector, isMbox ? 'Email (mbox)' : 'Email');
    if (!result.exhibit || held.length === 0) return result;
    // Images and PDFs attached to the messages shown follow their message as exhibits.
    const findings = [...result.findings];
    const attached = await attachmentExhibits(ctx, result.exhibit, held, findings);
    return { ...result, exhibits: [...result.exhibits, ...attached.exhibits], findings, innerSources: attached.sources };
  },
};

async function firstChunk(ctx: ParseContext): Promise<Buffer> {
  for await (const chunk of ctx.open()) return chunk;
  return Buffer.alloc(0);
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

/** Largest single message read from a mailbox (attachments included). */
const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

/**
 * Splits the mailbox on its `From ` lines as the bytes stream by, so only one message is in
 * memory at a time. `>From ` in bodies is unescaped (mboxrd; mboxo escapes the same way).
 */
async function readMbox(ctx: ParseContext, collector: ChatCollector, held: HeldAttachment[]): Promise<void> {
  let parts: Buffer[] = [];
  let size = 0;
  let startLine = 1;
  let lineNo = 0;
  let previousBlank = true;
  let count = 0;
  let pending = Buffer.alloc(0);
  const flush = async () => {
    if (size > 0) {
      count++;
      if (size > MAX_MESSAGE_BYTES) {
        collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file, line: startLine }, { where: `message ${count} (line ${startLine})`, detail: `it is ${size} bytes, over the ${MAX_MESSAGE_BYTES} read per message` }));
      } else await addMessage(ctx, collector, Buffer.concat(parts), `message ${count} (line ${startLine})`, startLine, held);
    }
    parts = [];
    size = 0;
  };
  const onLine = async (line: Buffer) => {
    lineNo++;
    const isSeparator = previousBlank && line.length > 5 && line.subarray(0, 5).toString('latin1') === 'From ' && MBOX_SEPARATOR.test(line.toString('latin1'));
    previousBlank = line.length === 0 || (line.length === 1 && line[0] === 13);
    if (isSeparator) {
      await flush();
      startLine = lineNo + 1;
      return;
    }
    let content = line;
    if (line[0] === 0x3e && /^>+From /.test(line.subarray(0, 64).toString('latin1'))) content = line.subarray(1);
    if (size <= MAX_MESSAGE_BYTES) parts.push(content, NEWLINE);
    size += content.length + 1;
  };
  for await (const chunk of ctx.open()) {
    const data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, start)) {
      await onLine(data.subarray(start, end));
      start = end + 1;
    }
    pending = Buffer.from(data.subarray(start));
  }
  if (pending.length) await onLine(pending);
  await flush();
}

const NEWLINE = Buffer.from('\n');

function firstAddress(value: AddressObject | AddressObject[] | undefined): { name?: string; address?: string } | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) for (const a of group.value) if (a.address || a.name) return { ...(a.name ? { name: a.name } : {}), ...(a.address ? { address: a.address } : {}) };
  return undefined;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const text = list.map((g) => g.text).filter(Boolean).join(', ');
  return text || undefined;
}

/** The Date header's own offset (`+0200`, `-0700`, `GMT`/`UT` = 0), so times show as sent. */
export function dateHeaderOffset(raw: string): number | undefined {
  const m = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/.exec(raw.trim());
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  if (/\b(?:GMT|UTC?|Z)\s*(?:\([^)]*\))?\s*$/i.test(raw.trim())) return 0;
  return undefined;
}

/**
 * Damage in a message's MIME structure that mailparser reads past without a word: a
 * multipart boundary its parts never use, or one never closed (`--boundary--`), as in a
 * message cut short or edited by hand. Returns what is wrong, or undefined.
 */
export function mimeDamage(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^;\s]+))/gi)) {
    const boundary = m[1] ?? m[2]!;
    const after = text.slice(m.index + m[0].length);
    const lines = after.split(/\r?\n/).map((l) => l.trimEnd());
    if (!lines.includes(`--${boundary}`)) return `no part starts with its multipart boundary "${boundary}"`;
    if (!lines.includes(`--${boundary}--`)) return `its multipart boundary "${boundary}" is never closed: the message may be cut short`;
  }
  return undefined;
}

async function addMessage(ctx: ParseContext, collector: ChatCollector, bytes: Buffer, where: string, line: number, held: HeldAttachment[]): Promise<void> {
  // Loaded on the first email: most cases have none, and it takes a tenth of a second to load.
  const { simpleParser } = await import('mailparser');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file, line }, { where, detail: `not a readable email: ${error instanceof Error ? error.message : String(error)}` }));
    return;
  }
  const rawDate = mail.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, '');
  const messageId = mail.messageId ? ` ${mail.messageId}` : '';
  const label = `${where}${messageId}`;
  const damage = mimeDamage(bytes);
  if (damage) collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file, line }, { detail: `${label}: ${damage}` }));
  if (!rawDate || !mail.date || Number.isNaN(mail.date.getTime())) {
    collector.report(
      makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file, line }, { where: label, detail: rawDate ? `Date "${rawDate}" cannot be read` : 'it has no Date header' }),
    );
    return;
  }
  const offset = dateHeaderOffset(rawDate);
  const date: DateFact = {
    epochMs: mail.date.getTime(),
    text: `Date: ${rawDate}`,
    source: 'export',
    zone: offset === undefined ? 'assumed:UTC' : 'offset',
    ...(offset !== undefined ? { offsetMinutes: offset } : {}),
    precision: 'second',
  };
  const from = firstAddress(mail.from);
  const to = addressText(mail.to);
  const cc = addressText(mail.cc);
  const body = (mail.text ?? '').replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const seq = collector.add({
    date,
    ...(from?.name || from?.address ? { sender: from.name || from.address! } : {}),
    ...(from?.address ? { senderEmail: from.address } : {}),
    text: [to ? `To: ${to}` : undefined, cc ? `Cc: ${cc}` : undefined, body].filter((x) => x !== undefined).join('\n'),
    attachments: mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related).map((a) => a.filename ?? a.contentType),
    where: label,
    line,
    ...(mail.subject ? { subject: mail.subject } : {}),
  });
  const sender = from?.name ? `${from.name}${from.address ? ` <${from.address}>` : ''}` : from?.address;
  const message = { seq, message: mail.messageId ?? where, date, ...(sender ? { sender } : {}) };
  // The same attachments the transcript names: not the images an HTML body shows inline.
  mail.attachments.forEach((a, i) => {
    if (Buffer.isBuffer(a.content) && (a.contentDisposition !== 'inline' || !a.related)) holdAttachment(held, { name: a.filename ?? `attachment-${i + 1}`, bytes: a.content }, message, ctx.source.file, collector);
  });
}
