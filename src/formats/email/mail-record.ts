import type { ChatCollector } from '../../chat/collect.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { attachmentExhibits, holdAttachment, type HeldAttachment } from '../attachments.js';
import { chatResult } from '../chat-result.js';
import type { ParseContext, ParseResult } from '../types.js';

/** A mailbox as a message names it. */
export interface MailAddress {
  readonly name?: string;
  readonly address?: string;
}

/** A file a message carries; `bytes` is absent when only its name is known (a stripped part). */
export interface MailAttachment {
  readonly name: string;
  readonly bytes?: Buffer;
  /** How the message names it when the file has no name of its own (its MIME type). */
  readonly label?: string;
}

/**
 * One email as every mail reader (.eml, .msg, winmail.dat, .emlx) hands it over, so each
 * shows its messages the same way: the Date with how its zone was known, From, To, Cc,
 * Subject, the body as text, and the files it carries.
 */
export interface MailRecord {
  readonly date?: DateFact;
  /** Why there is no date (the header missing or unreadable), for the finding. */
  readonly undated?: string;
  readonly from?: MailAddress;
  readonly to?: string;
  readonly cc?: string;
  readonly subject?: string;
  readonly body: string;
  readonly attachments: readonly MailAttachment[];
  readonly messageId?: string;
  /** Whom it was sent to (To and Cc): the client there means they are in the conversation. */
  readonly recipients?: readonly { readonly name?: string; readonly email?: string }[];
  /** Where the message is in its file ("the message", "message 3 (line 120)"). */
  readonly where: string;
  readonly line: number;
}

/** Adds one email to the transcript and holds the images and PDFs it carries (undated: a finding, never the current time). */
export function addMailRecord(ctx: ParseContext, collector: ChatCollector, record: MailRecord, held: HeldAttachment[]): void {
  const label = `${record.where}${record.messageId ? ` ${record.messageId}` : ''}`;
  if (!record.date) {
    collector.report(
      makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file, line: record.line }, { where: label, detail: record.undated ?? 'it has no Date header' }),
    );
    return;
  }
  const { from, date } = record;
  const body = record.body
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const seq = collector.add({
    date,
    ...(from?.name || from?.address ? { sender: from.name || from.address! } : {}),
    ...(from?.address ? { senderEmail: from.address } : {}),
    text: [record.to ? `To: ${record.to}` : undefined, record.cc ? `Cc: ${record.cc}` : undefined, body].filter((x) => x !== undefined).join('\n'),
    attachments: record.attachments.map((a) => a.label ?? a.name),
    where: label,
    line: record.line,
    ...(record.subject ? { subject: record.subject } : {}),
    ...(record.recipients ? { recipients: record.recipients } : {}),
  });
  const sender = from?.name ? `${from.name}${from.address ? ` <${from.address}>` : ''}` : from?.address;
  const message = { seq, message: record.messageId ?? record.where, date, ...(sender ? { sender } : {}) };
  for (const a of record.attachments) if (a.bytes) holdAttachment(held, { name: a.name, bytes: a.bytes }, message, ctx.source.file, collector);
}

/** Addresses as a header shows them: `Name <address>`, comma-separated. */
export function addressList(list: readonly MailAddress[]): string | undefined {
  const text = list
    .map((a) => (a.name && a.address && a.name !== a.address ? `"${a.name}" <${a.address}>` : (a.address ?? a.name ?? '')))
    .filter(Boolean)
    .join(', ');
  return text || undefined;
}

/** The Date header's own offset (`+0200`, `-0700`, `GMT`/`UT` = 0), so times show as sent. */
export function dateHeaderOffset(raw: string): number | undefined {
  const m = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/.exec(raw.trim());
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  if (/\b(?:GMT|UTC?|Z)\s*(?:\([^)]*\))?\s*$/i.test(raw.trim())) return 0;
  return undefined;
}

/** A Date header as a message's date, with its own offset; or why it cannot be one. */
export function headerDate(raw: string | undefined, parsed?: Date): { date: DateFact } | { undated: string } {
  if (!raw) return { undated: 'it has no Date header' };
  const when = parsed ?? new Date(raw.replace(/\s*\([^)]*\)\s*$/, ''));
  if (Number.isNaN(when.getTime())) return { undated: `Date "${raw}" cannot be read` };
  const offset = dateHeaderOffset(raw);
  return {
    date: {
      epochMs: when.getTime(),
      text: `Date: ${raw}`,
      source: 'export',
      zone: offset === undefined ? 'assumed:UTC' : 'offset',
      ...(offset !== undefined ? { offsetMinutes: offset } : {}),
      precision: 'second',
    },
  };
}

/** The value of one header in a raw header block (unfolded), or undefined. */
export function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return m?.[1]?.trim() || undefined;
}

/** The transcript of the messages read, followed by the images and PDFs attached to those shown. */
export async function mailResult(ctx: ParseContext, collector: ChatCollector, held: readonly HeldAttachment[], format: string): Promise<ParseResult> {
  const result = chatResult(ctx, collector, format);
  if (!result.exhibit || held.length === 0) return result;
  const findings = [...result.findings];
  const attached = await attachmentExhibits(ctx, result.exhibit, held, findings);
  return { ...result, exhibits: [...result.exhibits, ...attached.exhibits], findings, innerSources: attached.sources };
}
