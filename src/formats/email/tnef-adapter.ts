import type { ChatCollector } from '../../chat/collect.js';
import { dateFactFromEpoch, dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import type { HeldAttachment } from '../attachments.js';
import { newCollector } from '../chat-result.js';
import type { FormatAdapter, ParseContext } from '../types.js';
import { addMailRecord, headerDate, headerValue, mailResult } from './mail-record.js';
import { flattenTnefFiles, tnefBody } from './tnef-parts.js';
import { isTnef, readTnef, type TnefMessage } from './tnef-read.js';

/**
 * A winmail.dat saved on its own (TNEF, [MS-OXTNEF]): the Outlook message it wraps, its
 * body (often compressed RTF) and its files, shown as an email like an .eml. Known by its
 * signature, whatever its name.
 */
export const tnefAdapter: FormatAdapter = {
  id: 'tnef',
  label: 'Outlook TNEF (winmail.dat, alone or inside an email)',
  extensions: ['dat', 'tnef'],
  ownsExtensions: false,
  detect: (sample) => (isTnef(sample) ? 1 : 0),
  async parse(ctx) {
    const collector = newCollector(ctx);
    const held: HeldAttachment[] = [];
    const message = readTnef(ctx.bytes ?? Buffer.alloc(0));
    if (message.damage.length) collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file }, { detail: message.damage.join('; ') }));
    addTnefMessage(ctx, collector, message, 'the message', held);
    return mailResult(ctx, collector, held, 'Email (winmail.dat)');
  },
};

/** One TNEF message, and each message attached to it, as emails of the transcript. */
function addTnefMessage(ctx: ParseContext, collector: ChatCollector, message: TnefMessage, where: string, held: HeldAttachment[]): void {
  const body = tnefBody(message, (detail) =>
    collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file }, { detail: `${where}: its body ${detail}` })),
  );
  addMailRecord(
    ctx,
    collector,
    {
      ...tnefDate(message, ctx.timezone),
      from: { ...(message.fromName ? { name: message.fromName } : {}), ...(message.fromAddress ? { address: message.fromAddress } : {}) },
      ...(message.to ? { to: message.to } : {}),
      ...(message.cc ? { cc: message.cc } : {}),
      ...(message.subject ? { subject: message.subject } : {}),
      ...(message.messageId ? { messageId: message.messageId } : {}),
      body: body ?? '',
      // Attached messages are messages of the transcript, each with its own files.
      attachments: flattenTnefFiles(message.attachments, false),
      where,
      line: 1,
    },
    held,
  );
  message.attachments.forEach((a, i) => {
    if (a.message) addTnefMessage(ctx, collector, a.message, `attached message ${i + 1} ("${a.name}")`, held);
  });
}

/**
 * The Date header the transport kept (with the sender's offset), else the submit time
 * (UTC), else attDateSent, a wall time without a zone, placed in the case's zone.
 */
function tnefDate(message: TnefMessage, zone: string | undefined): { date: DateFact } | { undated: string } {
  const raw = message.headers ? headerValue(message.headers, 'date') : undefined;
  const fromHeader = raw ? headerDate(raw) : undefined;
  if (fromHeader && 'date' in fromHeader) return fromHeader;
  if (message.sentEpochMs !== undefined && Number.isFinite(message.sentEpochMs)) {
    return { date: dateFactFromEpoch(message.sentEpochMs, `PidTagClientSubmitTime ${new Date(message.sentEpochMs).toISOString()}`, 'export') };
  }
  const l = message.sentLocal;
  const local = l
    ? dateFactFromLocal(l, {
        text: `attDateSent ${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`,
        source: 'export',
        ...(zone ? { zone } : {}),
      })
    : undefined;
  return local ? { date: local } : { undated: 'it has no date sent' };
}

const pad = (n: number) => String(n).padStart(2, '0');
