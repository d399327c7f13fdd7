import type { ChatCollector } from '../../chat/collect.js';
import { sampleText } from '../../chat/text.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { attachmentExhibits, holdAttachment, type HeldAttachment } from '../attachments.js';
import { chatResult, newCollector } from '../chat-result.js';
import { epochFromExport } from '../json-input.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { readBackup, type BackupRecord } from './read-backup.js';
import { rejectSource } from '../reject-source.js';

/**
 * SMS Backup & Restore (SyncTech, Android): `<smses count>` holding `<sms>` (address, date in
 * ms since the epoch, type 1 received / 2 sent / 3 draft / 4 outbox / 5 failed / 6 queued,
 * body, contact_name, readable_date) and `<mms>` (msg_box 1 received / 2 sent, `<parts>` with
 * text and base64 `data`, `<addrs>` with type 137 = from, 151 = to, 130 = cc). The app writes
 * the literal "null" for an absent value and "(Unknown)" for a number not in the contacts.
 */
export const smsBackupAdapter: FormatAdapter = {
  id: 'sms-backup',
  label: 'Android SMS Backup & Restore XML (sms and mms with images)',
  extensions: ['xml'],
  ownsExtensions: false,
  streams: true,
  detect(sample) {
    const text = sampleText(sample).slice(0, 8192);
    return /<smses[\s>]/.test(text) && /^\s*(?:\ufeff)?\s*<(?:\?xml|!--|smses)/.test(text) ? 0.95 : 0;
  },
  parse: parseSmsBackup,
};

const SENT_STATES: Readonly<Record<string, string>> = {
  '3': 'draft, not sent',
  '4': 'in the outbox, not yet sent',
  '5': 'failed to send',
  '6': 'queued, not yet sent',
};

async function parseSmsBackup(ctx: ParseContext): Promise<ParseResult> {
  const collector = newCollector(ctx);
  const held: HeldAttachment[] = [];
  const file = ctx.source.file;
  let undated = 0;
  let records = 0;
  const read = await readBackup(ctx.open(), (record) => {
    const date = recordDate(record);
    if (!date) {
      if (undated++ < 20)
        collector.report(
          makeFinding(
            'CHAT_MESSAGE_UNDATED',
            { file, line: record.line },
            { where: `${record.kind} at line ${record.line}`, detail: `date is ${JSON.stringify(record.attrs.date ?? null)}` },
          ),
        );
      return;
    }
    if (record.kind === 'sms') addSms(collector, record, date);
    else addMms(ctx, collector, record, date, held);
    // Photos of messages the selection leaves out are let go as the backup streams by, so
    // they never crowd out those of the messages shown.
    if (++records % 200 === 0) dropUnshown(held, collector);
  });
  if (read.root !== 'smses') {
    const looked = read.root ? `an XML document whose root element is <${read.root}>` : 'XML without any element';
    return rejectSource(makeFinding('ITEM_UNSUPPORTED', { file }, { detail: `${looked}, not an SMS Backup & Restore message backup (<smses>)` }));
  }
  const damage: Finding[] = [];
  // The first twenty are named one by one; the rest are counted.
  if (undated > 20)
    damage.push(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where: `${undated - 20} more message(s)`, detail: 'their date is missing or not a number' }));
  if (read.broken)
    damage.push(
      makeFinding(
        'ITEM_DAMAGED',
        { file, line: read.broken.line },
        { detail: `the XML breaks at line ${read.broken.line} (${read.broken.reason}); the ${read.records} message(s) before it are read` },
      ),
    );
  else if (read.declared !== undefined && read.declared !== read.records) {
    damage.push(makeFinding('ITEM_DAMAGED', { file }, { detail: `the backup says it holds ${read.declared} message(s) but ${read.records} are in it` }));
  }
  const result = chatResult(ctx, collector, 'SMS', 'Android SMS/MMS backup', { findings: damage });
  if (!result.exhibit || held.length === 0) return result;
  const findings = [...result.findings];
  const attached = await attachmentExhibits(ctx, result.exhibit, held, findings);
  return { ...result, exhibits: [...result.exhibits, ...attached.exhibits], findings, innerSources: attached.sources };
}

/** `date` is in milliseconds; an MMS written by an old version may carry seconds. */
function recordDate(record: BackupRecord): DateFact | undefined {
  const raw = record.attrs.date;
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const fact = epochFromExport(raw, Number(raw) < 1e11 ? 's' : 'ms', 'date');
  const readable = value(record.attrs.readable_date);
  return fact && readable ? { ...fact, text: `${readable} (date ${raw})` } : fact;
}

/** The app's "null" and "(Unknown)" are no value. */
function value(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t && t !== 'null' && t !== '(Unknown)' ? t : undefined;
}

/** The other party, by contact name and number (a group MMS lists numbers joined by `~`). */
function party(attrs: Readonly<Record<string, string>>): { label: string; names: string[] } {
  const name = value(attrs.contact_name);
  const address = value(attrs.address)?.split('~').join(', ');
  const label = name && address && name !== address ? `${name} (${address})` : (name ?? address ?? 'unknown number');
  return { label, names: [name, address].filter((n): n is string => n !== undefined) };
}

function addSms(collector: ChatCollector, record: BackupRecord, date: DateFact): void {
  const { attrs } = record;
  const other = party(attrs);
  const received = attrs.type === '1';
  const state = SENT_STATES[attrs.type ?? ''];
  const body = attrs.body === 'null' ? '' : (attrs.body ?? '').replace(/\r\n?/g, '\n');
  collector.add({
    date,
    sender: received ? other.label : 'Me',
    ...(received ? { senderNames: other.names } : { conversation: `to ${other.label}` }),
    text: state ? `(${state}) ${body}` : body,
    where: `sms at line ${record.line}`,
    line: record.line,
  });
}

function addMms(ctx: ParseContext, collector: ChatCollector, record: BackupRecord, date: DateFact, held: HeldAttachment[]): void {
  const { attrs } = record;
  const other = party(attrs);
  const received = attrs.msg_box === '1';
  // In a group, the sender is the `from` address (type 137), not the whole thread.
  const from = value(record.addrs.find((a) => a.type === '137')?.address);
  const isGroup = (attrs.address ?? '').includes('~');
  const sender = received ? (from && isGroup ? from : other.label) : 'Me';
  const texts: string[] = [];
  const files: { name: string; bytes: Buffer }[] = [];
  for (const part of record.parts) {
    const type = (part.ct ?? '').toLowerCase();
    if (type === 'application/smil') continue;
    const name = value(part.cl) ?? value(part.name) ?? value(part.fn) ?? `part ${part.seq ?? files.length + 1}`;
    // Line ends as the phone kept them (`\r\n` from some senders), shown as the SMS body's are.
    if (type === 'text/plain') texts.push((value(part.text) ?? (part.data ? Buffer.from(part.data, 'base64').toString('utf8') : '')).replace(/\r\n?/g, '\n'));
    else files.push({ name, bytes: part.data ? Buffer.from(part.data, 'base64') : Buffer.alloc(0) });
  }
  const where = `mms at line ${record.line}`;
  const seq = collector.add({
    date,
    sender,
    ...(received ? { senderNames: isGroup && from ? [from] : other.names } : { conversation: `to ${other.label}` }),
    text: [value(attrs.sub), ...texts].filter(Boolean).join('\n'),
    attachments: files.map((f) => f.name),
    where,
    line: record.line,
  });
  if (collector.mayShow(seq)) for (const f of files) holdAttachment(held, f, { seq, message: where, sender, date }, ctx.source.file, collector);
}

function dropUnshown(held: HeldAttachment[], collector: ChatCollector): void {
  const keep = held.filter((h) => collector.mayShow(h.seq));
  held.splice(0, held.length, ...keep);
}
