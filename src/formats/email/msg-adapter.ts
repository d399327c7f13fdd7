import { createRequire } from 'node:module';
import type * as MsgReaderModule from '@kenjiuno/msgreader';
import type { ChatCollector } from '../../chat/collect.js';
import { dateFactFromEpoch } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import type { HeldAttachment } from '../attachments.js';
import { newCollector } from '../chat-result.js';
import { htmlToText } from '../json-input.js';
import type { FormatAdapter, ParseContext } from '../types.js';
import { addMailRecord, addressList, headerDate, headerValue, mailResult, type MailAttachment } from './mail-record.js';
import { rtfBodyText } from './rtf-body.js';
import { decodeCodePage, codePageName } from './tnef-read.js';
import { rejectSource } from '../reject-source.js';

/**
 * An Outlook message saved from Outlook for Windows (.msg: "Save as", or dragged out): an
 * OLE compound file of MAPI properties ([MS-OXMSG]) read with @kenjiuno/msgreader. The body
 * is the plain text, else the HTML, else the compressed RTF (many Outlook messages have
 * only that); attached files follow their message; an attached message is a message of
 * the transcript too.
 */
const require = createRequire(import.meta.url);
type FieldsData = MsgReaderModule.FieldsData;
interface MsgReaderClass {
  parserConfig?: { ansiEncoding?: string; includeRawProps?: boolean };
  getFileData(): FieldsData;
  getAttachment(attach: FieldsData): { fileName: string; content: Uint8Array };
}
const CFB_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
/** `__substg1.0_`, the prefix of every MAPI property stream's name, as the directory stores it (UTF-16LE). */
const MAPI_STREAM = Buffer.from('__substg1.0_', 'utf16le');

export const msgAdapter: FormatAdapter = {
  id: 'outlook-msg',
  label: 'Outlook message (.msg saved from Outlook for Windows)',
  extensions: ['msg'],
  detect(sample, fileName) {
    if (!sample.subarray(0, 8).equals(CFB_SIGNATURE)) return 0;
    // Word and Excel files are compound files too: only MAPI property streams make a message.
    if (sample.includes(MAPI_STREAM)) return 1;
    return /\.msg$/i.test(fileName) ? 0.6 : 0;
  },
  async parse(ctx) {
    const collector = newCollector(ctx);
    const held: HeldAttachment[] = [];
    const bytes = ctx.bytes ?? Buffer.alloc(0);
    let reader: MsgReaderClass;
    let data: FieldsData;
    try {
      const MsgReader = (require('@kenjiuno/msgreader') as { default: new (data: ArrayBuffer) => MsgReaderClass }).default;
      const open = (ansiEncoding?: string) => {
        const r = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
        // The raw properties hold what msgreader does not name: an attachment's path when it is a link.
        r.parserConfig = { includeRawProps: true, ...(ansiEncoding ? { ansiEncoding } : {}) };
        return r;
      };
      reader = open();
      data = reader.getFileData();
      // A message saved in the ANSI form keeps its text in its code page: read again with it.
      // A message without PidTagMessageCodepage (older Outlook) names its code page only as the
      // internet one; a Unicode message has no 8-bit text for either to change.
      const codePage = [data.messageCodepage, data.internetCodepage].find((c): c is number => typeof c === 'number' && c > 0);
      if (codePage && codePage !== 65001 && codePage !== 1200) [reader, data] = readAgain(open(`cp${codePage}`), reader, data);
    } catch {
      // msgreader fails on a broken compound file with whatever JavaScript error it meets: not a reason a user can act on.
      return rejectSource(unreadable(ctx, `its compound-file structure is damaged or cut short (${bytes.length} bytes)`));
    }
    if (data.error) return rejectSource(unreadable(ctx, data.error));
    // A compound file without the properties of a message (a Word or Excel file named .msg).
    const isMessage =
      [data.subject, data.senderName, data.senderEmail, data.body, data.headers, data.clientSubmitTime, data.messageClass].some((v) => typeof v === 'string') ||
      !!data.compressedRtf ||
      !!data.attachments?.length;
    if (!isMessage) return rejectSource(unreadable(ctx, 'a compound file without the properties of a message (a Word or Excel file?)'));
    addMsg(ctx, collector, reader, data, 'the message', held);
    return mailResult(ctx, collector, held, 'Email (Outlook .msg)');
  },
};

/** The message read with its code page; as first read when the code page is one msgreader does not know. */
function readAgain(again: MsgReaderClass, first: MsgReaderClass, data: FieldsData): [MsgReaderClass, FieldsData] {
  try {
    const decoded = again.getFileData();
    return decoded.error ? [first, data] : [again, decoded];
  } catch {
    return [first, data];
  }
}

function unreadable(ctx: ParseContext, detail: string) {
  return makeFinding('ITEM_UNREADABLE', { file: ctx.source.file }, { detail: `not a readable Outlook message (${detail})` });
}

/** One message and, after it, each message attached to it. */
function addMsg(ctx: ParseContext, collector: ChatCollector, reader: MsgReaderClass, data: FieldsData, where: string, held: HeldAttachment[]): void {
  const damaged = (detail: string) => collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file }, { detail: `${where}: ${detail}` }));
  const attachments: MailAttachment[] = [];
  const embedded: { fields: FieldsData; name: string }[] = [];
  for (const [i, a] of (data.attachments ?? []).entries()) {
    const name = str(a.fileName) ?? str(a.name) ?? `attachment-${i + 1}`;
    if (a.innerMsgContent && a.innerMsgContentFields) {
      embedded.push({ fields: a.innerMsgContentFields, name });
      attachments.push({
        name: `${name}${str(a.innerMsgContentFields.subject) && a.innerMsgContentFields.subject !== name ? ` (message: ${a.innerMsgContentFields.subject})` : ''}`,
      });
      continue;
    }
    // Images an HTML body shows inline are hidden attachments: not files the sender attached.
    if (a.attachmentHidden) continue;
    // Attached by reference: a path to a file elsewhere (a share, OneDrive), no bytes in the message.
    const link = a.dataId === undefined ? linkedPath(a) : undefined;
    if (link) {
      attachments.push({ name: `${name} (not in the message: a link to ${link})` });
      continue;
    }
    if (a.dataId === undefined) {
      damaged(`its attachment "${name}" has no content in the message`);
      attachments.push({ name });
      continue;
    }
    try {
      attachments.push({ name, bytes: Buffer.from(reader.getAttachment(a).content) });
    } catch (error) {
      damaged(`its attachment "${name}" cannot be read (${error instanceof Error ? error.message : String(error)})`);
      attachments.push({ name });
    }
  }
  const headers = str(data.headers) ?? '';
  const address = smtpAddress(data) ?? headerAddress(headerValue(headers, 'from'));
  const recipients = (type: string) =>
    addressList(
      (data.recipients ?? [])
        .filter((r) => (r.recipType ?? 'to') === type)
        .map((r) => ({ ...(str(r.name) ? { name: r.name! } : {}), ...(recipientAddress(r) ? { address: recipientAddress(r)! } : {}) })),
    );
  addMailRecord(
    ctx,
    collector,
    {
      ...msgDate(data),
      from: { ...(str(data.senderName) ? { name: data.senderName! } : {}), ...(address ? { address } : {}) },
      ...(recipients('to') ? { to: recipients('to')! } : {}),
      ...(recipients('cc') ? { cc: recipients('cc')! } : {}),
      ...(str(data.subject) ? { subject: data.subject! } : {}),
      ...(str(data.messageId) ? { messageId: data.messageId! } : {}),
      body: msgBody(data, damaged),
      attachments,
      where,
      line: 1,
    },
    held,
  );
  embedded.forEach((e, i) => addMsg(ctx, collector, reader, e.fields, `attached message ${i + 1} ("${e.name}")`, held));
}

/** The Date header kept from transport (with the sender's offset), else the submit or delivery time (UTC). */
function msgDate(data: FieldsData): { date: DateFact } | { undated: string } {
  const raw = str(data.headers) ? headerValue(data.headers!, 'date') : undefined;
  const fromHeader = raw ? headerDate(raw) : undefined;
  if (fromHeader && 'date' in fromHeader) return fromHeader;
  for (const [label, value] of [
    ['PidTagClientSubmitTime', data.clientSubmitTime],
    ['PidTagMessageDeliveryTime', data.messageDeliveryTime],
  ] as const) {
    const ms = str(value) ? Date.parse(value!) : Number.NaN;
    if (Number.isFinite(ms)) return { date: dateFactFromEpoch(ms, `${label} ${value}`, 'export') };
  }
  return { undated: 'it has no Date header, submit time or delivery time (a draft never sent?)' };
}

function msgBody(data: FieldsData, damaged: (detail: string) => void): string {
  if (str(data.body)?.trim()) return data.body!;
  if (str(data.bodyHtml)?.trim()) return htmlToText(data.bodyHtml!);
  if (data.html instanceof Uint8Array && data.html.length)
    return htmlToText(decodeCodePage(Buffer.from(data.html), typeof data.internetCodepage === 'number' ? codePageName(data.internetCodepage) : 'utf-8'));
  if (data.compressedRtf instanceof Uint8Array && data.compressedRtf.length) {
    try {
      const text = rtfBodyText(data.compressedRtf);
      if (text !== undefined) return text;
      damaged('its RTF body is not RTF once decompressed');
    } catch (error) {
      damaged(`its RTF body cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return '';
}

const isSmtp = (value: unknown): value is string => typeof value === 'string' && /^[^\s/@]+@[^\s@]+$/.test(value);
/** A property as text: a damaged file can give another type where text belongs. */
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function smtpAddress(data: FieldsData): string | undefined {
  return [data.senderSmtpAddress, data.sentRepresentingSmtpAddress, data.senderEmail, data.creatorSMTPAddress].find(isSmtp);
}

function recipientAddress(r: FieldsData): string | undefined {
  return [r.smtpAddress, r.email].find(isSmtp);
}

/** PidTagAttachLongPathname, else PidTagAttachPathname, in the Unicode or the ANSI form. */
function linkedPath(a: FieldsData): string | undefined {
  const props = a.rawProps ?? [];
  for (const tag of ['370d001f', '370d001e', '3708001f', '3708001e']) {
    const value = props.find((p) => p.propertyTag === tag)?.value;
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function headerAddress(value: string | undefined): string | undefined {
  const m = value ? /<([^>]+@[^>]+)>|([^\s<>"]+@[^\s<>"]+)/.exec(value) : null;
  return m ? (m[1] ?? m[2]) : undefined;
}
