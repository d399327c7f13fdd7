import type { AddressObject, ParsedMail } from 'mailparser';
import type { ChatCollector } from '../../chat/collect.js';
import { sampleText } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import { newCollector } from '../chat-result.js';
import type { DateFact } from '../../evidence/model.js';
import type { HeldAttachment } from '../attachments.js';
import { addMailRecord, headerDate, mailResult, type MailAddress } from './mail-record.js';
import { openTnefParts } from './tnef-parts.js';
import type { FormatAdapter, ParseContext } from '../types.js';
import { rejectSource } from '../reject-source.js';

/**
 * Email: a single message (.eml, as Thunderbird, Apple Mail and Outlook on the web save
 * it) or a mailbox (.mbox: mboxo/mboxrd, Thunderbird's folders, Gmail Takeout). Each
 * message gives its Date (with the sender's UTC offset), From, To, Subject and plain-text
 * body (HTML-only mail is converted to text). A message without a usable Date is a finding:
 * the current time is never used in its place.
 */
const HEADER_NAMES =
  /^(from|to|subject|date|message-id|received|mime-version|return-path|delivered-to|content-type|x-[\w-]+|reply-to|cc|dkim-signature|x-gm-thrid):/i;
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
        return rejectSource(
          makeFinding('ITEM_TOO_LARGE', { file: ctx.source.file }, { format: 'email message', size: mib(ctx.source.bytes), limit: mib(MAX_MESSAGE_BYTES) }),
        );
      }
      const bytes = ctx.bytes ?? Buffer.concat(await collect(ctx.open()));
      await addMessage(ctx, collector, bytes, 'the message', 1, held);
    }
    // Images and PDFs attached to the messages shown follow their message as exhibits.
    return mailResult(ctx, collector, held, isMbox ? 'Email (mbox)' : 'Email');
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
        collector.report(
          makeFinding(
            'CHAT_MESSAGE_UNDATED',
            { file: ctx.source.file, line: startLine },
            { where: `message ${count} (line ${startLine})`, detail: `it is ${size} bytes, over the ${MAX_MESSAGE_BYTES} read per message` },
          ),
        );
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

function allAddresses(...values: (AddressObject | AddressObject[] | undefined)[]): { name?: string; email?: string }[] {
  const list = values.flatMap((v) => (Array.isArray(v) ? v : v ? [v] : []));
  return list.flatMap((g) => g.value).map((a) => ({ ...(a.name ? { name: a.name } : {}), ...(a.address ? { email: a.address } : {}) }));
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

/** What a mail store adds to the RFC 822 message it keeps (Apple Mail's .emlx). */
export interface StoredMessage {
  /** The bytes of a part the store left empty (a .partial.emlx), by file name or MIME part number; undefined when not there. */
  readonly stripped?: (name: string, part?: string) => Buffer | undefined;
  /** The store's own record of when the message arrived, for a message without a usable Date. */
  readonly received?: DateFact;
}

/** Reads one RFC 822 message into the transcript (its attachments held, any winmail.dat opened). */
export async function addMessage(
  ctx: ParseContext,
  collector: ChatCollector,
  bytes: Buffer,
  where: string,
  line: number,
  held: HeldAttachment[],
  stored: StoredMessage = {},
): Promise<void> {
  // Loaded on the first email: most cases have none, and it takes a tenth of a second to load.
  const { simpleParser } = await import('mailparser');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    collector.report(
      makeFinding(
        'CHAT_MESSAGE_UNDATED',
        { file: ctx.source.file, line },
        { where, detail: `not a readable email: ${error instanceof Error ? error.message : String(error)}` },
      ),
    );
    return;
  }
  const label = `${where}${mail.messageId ? ` ${mail.messageId}` : ''}`;
  const damage = mimeDamage(bytes);
  if (damage) collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file, line }, { detail: `${label}: ${damage}` }));
  const rawDate = mail.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, '');
  const headerDated = headerDate(rawDate, mail.date ?? new Date(Number.NaN));
  const dated = 'undated' in headerDated && stored.received ? { date: stored.received } : headerDated;
  const opened = openTnefParts(attachedParts(ctx, collector, mail, stored, label, line), label);
  for (const problem of opened.problems) collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file, line }, { detail: problem }));
  const body = mail.text?.trim() ? mail.text : (opened.body ?? mail.text ?? '');
  addMailRecord(
    ctx,
    collector,
    {
      ...dated,
      ...(firstAddress(mail.from) ? { from: firstAddress(mail.from)! } : {}),
      ...(addressText(mail.to) ? { to: addressText(mail.to)! } : {}),
      ...(addressText(mail.cc) ? { cc: addressText(mail.cc)! } : {}),
      ...(mail.subject ? { subject: mail.subject } : {}),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      body,
      attachments: opened.attachments,
      recipients: allAddresses(mail.to, mail.cc),
      where,
      line,
    },
    held,
  );
}

/**
 * The message's attachments as named parts, the bytes of one the store left empty taken from
 * the store; one the store does not hold either is named in a finding.
 */
function attachedParts(ctx: ParseContext, collector: ChatCollector, mail: ParsedMail, stored: StoredMessage, label: string, line: number) {
  // The same attachments the transcript names: not the images an HTML body shows inline.
  const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related);
  return files.map((a) => {
    const name = a.filename ?? `attachment-${mail.attachments.indexOf(a) + 1}`;
    const kept = Buffer.isBuffer(a.content) && a.content.length > 0 ? a.content : undefined;
    const bytes = kept ?? (stored.stripped && a.headers.has('x-apple-content-length') ? stored.stripped(name, a.partId) : undefined);
    if (!bytes && stored.stripped && a.headers.has('x-apple-content-length')) {
      collector.report(
        makeFinding(
          'ITEM_DAMAGED',
          { file: ctx.source.file, line },
          {
            detail: `${label}: its attachment "${name}" was not downloaded by Mail (.partial.emlx) and is not in the mailbox's Attachments folder; it stays named in its message`,
          },
        ),
      );
    }
    return { name, bytes, type: a.contentType, ...(a.filename ? {} : { label: a.contentType }) };
  });
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): MailAddress | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list)
    for (const a of group.value) if (a.address || a.name) return { ...(a.name ? { name: a.name } : {}), ...(a.address ? { address: a.address } : {}) };
  return undefined;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const text = list
    .map((g) => g.text)
    .filter(Boolean)
    .join(', ');
  return text || undefined;
}
