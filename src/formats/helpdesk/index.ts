import type { RawMessage } from '../../chat/collect.js';
import { makeFinding } from '../../rules/codes.js';
import { attachmentExhibits, holdAttachment, type HeldAttachment } from '../attachments.js';
import { chatResult, newCollector } from '../chat-result.js';
import { epochFromExport, htmlToText, isoFromExport, isRecord, jsonSample, readJson, splitAddress, str } from '../json-input.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import type { DateFact } from '../../evidence/model.js';
import { rejectSource } from '../reject-source.js';

/**
 * Helpdesk conversations as their APIs return them (saved with curl or an export tool):
 * Help Scout (Mailbox API 2.0 conversation with embedded threads, or a threads list),
 * Zendesk (ticket comments or audits, with side-loaded users), Intercom (a conversation:
 * the first message is its `source`, or `conversation_message` in the older API) and Freshdesk (a ticket, whose first message is its
 * `description`, with `conversations`, or a conversations list).
 */
type Reader = (
  ctx: ParseContext,
  value: unknown,
) => { format: string; title?: string; messages: Partial<RawMessage & { undated: string; inline: Inline[] }>[] };

/** An attachment whose bytes the export carries inline, as base64. */
interface Inline {
  readonly name: string;
  readonly base64: string;
}

/** Fields an export may hold an attachment's bytes in, base64 (Help Scout's `data`, scripts' own). */
const INLINE_KEYS = ['data', 'content', 'base64', 'content_base64', 'contentBase64'] as const;

/**
 * An attachment list's names (for the transcript) and the attachments it carries inline (to
 * show as exhibits); attachments given only by a URL stay named.
 */
function attachmentList(list: unknown, ...nameKeys: string[]): { attachments: string[]; inline: Inline[] } {
  const records = Array.isArray(list) ? list.filter(isRecord) : [];
  const attachments = records.map((a) => nameKeys.map((k) => str(a[k])).find(Boolean) ?? 'attachment');
  const inline: Inline[] = [];
  records.forEach((a, i) => {
    const data = INLINE_KEYS.map((k) => a[k]).find((v): v is string => typeof v === 'string' && v.length >= 16);
    // A data: URL is taken apart; anything that is not base64 is not guessed at.
    const base64 = data?.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
    if (base64 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)) inline.push({ name: attachments[i]!, base64 });
  });
  return { attachments, inline };
}

function helpdeskAdapter(id: string, label: string, detect: (text: string) => boolean, read: Reader): FormatAdapter {
  return {
    id,
    label,
    extensions: ['json'],
    ownsExtensions: false,
    detect: (sample) => {
      const text = jsonSample(sample);
      return text !== undefined && detect(text) ? 0.8 : 0;
    },
    async parse(ctx): Promise<ParseResult> {
      const json = readJson(ctx);
      if (!json.ok) return rejectSource(json.finding);
      const collector = newCollector(ctx);
      const conversation = read(ctx, json.value);
      const held: HeldAttachment[] = [];
      for (const message of conversation.messages) {
        if (!message.date) {
          collector.report(
            makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where: message.where ?? '?', detail: message.undated ?? 'no date' }),
          );
          continue;
        }
        const { undated: _undated, inline = [], ...raw } = message;
        const seq = collector.add({ text: '', where: '?', ...raw, date: message.date });
        const carrier = { seq, message: raw.where ?? '?', date: message.date, ...(raw.sender ? { sender: raw.sender } : {}) };
        for (const a of inline) holdAttachment(held, { name: a.name, bytes: Buffer.from(a.base64, 'base64') }, carrier, ctx.source.file, collector);
      }
      const result = chatResult(ctx, collector, conversation.format, conversation.title);
      if (!result.exhibit || held.length === 0) return result;
      // Images and PDFs the export carries inline follow their message as exhibits.
      const findings = [...result.findings];
      const attached = await attachmentExhibits(ctx, result.exhibit, held, findings);
      return { ...result, exhibits: [...result.exhibits, ...attached.exhibits], findings, innerSources: attached.sources };
    },
  };
}

function dated(value: unknown, zone: string | undefined, label: string): { date?: DateFact; undated?: string } {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,}$/.test(value))) {
    const date = epochFromExport(value, 's', label);
    return date ? { date } : { undated: `${label} is ${JSON.stringify(value)}` };
  }
  const text = str(value);
  const date = text ? isoFromExport(text, zone) : undefined;
  return date ? { date } : { undated: `${label} is ${JSON.stringify(value ?? null)}` };
}

function personName(p: Record<string, unknown> | undefined): string | undefined {
  if (!p) return undefined;
  const full = [str(p.first), str(p.last)].filter(Boolean).join(' ');
  return full || str(p.name) || str(p.email);
}

// ---------- Help Scout ----------

/** A line item (status change, assignment) says what happened in `action.text`. */
function lineItemText(thread: Record<string, unknown>): string | undefined {
  return isRecord(thread.action) ? str(thread.action.text) : undefined;
}

export const helpscoutAdapter = helpdeskAdapter(
  'helpscout',
  'Help Scout conversation or threads (Mailbox API 2.0 JSON)',
  (t) => /"_embedded"\s*:/.test(t) && /"threads"\s*:/.test(t) && /"createdAt"\s*:/.test(t),
  (ctx, value) => {
    const root = isRecord(value) ? value : {};
    const embedded = isRecord(root._embedded) ? root._embedded : {};
    const threads = Array.isArray(embedded.threads) ? embedded.threads : [];
    const subject = str(root.subject);
    const messages = threads.filter(isRecord).map((thread, i) => {
      const by = isRecord(thread.createdBy) ? thread.createdBy : isRecord(thread.customer) ? thread.customer : undefined;
      const type = str(thread.type) ?? 'message';
      const attachments = isRecord(thread._embedded) && Array.isArray(thread._embedded.attachments) ? thread._embedded.attachments : [];
      const text = htmlToText(str(thread.body) ?? '');
      return {
        ...dated(thread.createdAt, ctx.timezone, 'createdAt'),
        ...(personName(by) ? { sender: personName(by)! } : {}),
        ...(by && str(by.email) ? { senderEmail: str(by.email)! } : {}),
        text: type === 'note' ? `(internal note) ${text}` : type === 'lineitem' ? (lineItemText(thread) ?? text) : text,
        ...attachmentList(attachments, 'filename', 'fileName'),
        ...(type === 'lineitem' ? { system: true } : {}),
        where: `_embedded.threads[${i}] (${type})`,
      };
    });
    return { format: 'Help Scout', ...(subject ? { title: `Help Scout conversation #${str(root.number) ?? str(root.id) ?? '?'}: ${subject}` } : {}), messages };
  },
);

// ---------- Zendesk ----------

export const zendeskAdapter = helpdeskAdapter(
  'zendesk',
  'Zendesk ticket comments or audits (API JSON, with side-loaded users)',
  (t) => /"(?:audits|comments)"\s*:/.test(t) && /"author_id"\s*:/.test(t),
  (ctx, value) => {
    const root = isRecord(value) ? value : {};
    const users = new Map<string, Record<string, unknown>>();
    for (const user of Array.isArray(root.users) ? root.users.filter(isRecord) : []) users.set(String(user.id), user);
    const messages: Partial<RawMessage & { undated: string }>[] = [];
    let subject: string | undefined;
    const add = (comment: Record<string, unknown>, createdAt: unknown, where: string) => {
      const author = users.get(String(comment.author_id));
      const text = str(comment.plain_body) ?? str(comment.body) ?? htmlToText(str(comment.html_body) ?? '');
      messages.push({
        ...dated(createdAt, ctx.timezone, 'created_at'),
        sender: str(author?.name) ?? `user ${String(comment.author_id)}`,
        ...(str(author?.email) ? { senderEmail: str(author?.email)! } : {}),
        text: comment.public === false ? `(private comment) ${text}` : text,
        ...attachmentList(comment.attachments, 'file_name'),
        where,
      });
    };
    if (Array.isArray(root.audits)) {
      root.audits.filter(isRecord).forEach((audit, i) => {
        (Array.isArray(audit.events) ? audit.events.filter(isRecord) : []).forEach((event, j) => {
          if (event.field_name === 'subject' && typeof event.value === 'string') subject ??= event.value;
          if (event.type === 'Comment') add({ author_id: audit.author_id, ...event }, audit.created_at, `audits[${i}].events[${j}]`);
        });
      });
    } else if (Array.isArray(root.comments)) {
      root.comments.filter(isRecord).forEach((comment, i) => add(comment, comment.created_at, `comments[${i}]`));
    }
    const ticket = isRecord(root.ticket) ? root.ticket : undefined;
    subject = str(ticket?.subject) ?? subject;
    return { format: 'Zendesk', ...(subject ? { title: `Zendesk ticket: ${subject}` } : {}), messages };
  },
);

// ---------- Intercom ----------

export const intercomAdapter = helpdeskAdapter(
  'intercom',
  'Intercom conversation (REST API JSON: source and conversation_parts)',
  (t) => /"conversation_parts"\s*:/.test(t) || (/"type"\s*:\s*"conversation"/.test(t) && /"(?:source|conversation_message)"\s*:/.test(t)),
  (ctx, value) => {
    const root = isRecord(value) ? value : {};
    const messages: Partial<RawMessage & { undated: string }>[] = [];
    const add = (part: Record<string, unknown>, createdAt: unknown, where: string) => {
      const author = isRecord(part.author) ? part.author : undefined;
      const type = str(part.part_type);
      // An action with no words (an assignment, a close) is said as what it was, never dropped.
      const body = htmlToText(str(part.body) ?? '') || intercomAction(type, part);
      messages.push({
        ...dated(createdAt, ctx.timezone, 'created_at'),
        ...(personName(author) ? { sender: personName(author)! } : {}),
        ...(str(author?.email) ? { senderEmail: str(author?.email)! } : {}),
        text: type === 'note' ? `(internal note) ${body}` : body,
        ...attachmentList(part.attachments, 'name'),
        where,
      });
    };
    // The opening message: `source` in the current API, `conversation_message` in the
    // version the official SDKs' fixtures were written for. It is dated by the conversation.
    const key = isRecord(root.source) ? 'source' : isRecord(root.conversation_message) ? 'conversation_message' : undefined;
    const source = key ? (root[key] as Record<string, unknown>) : undefined;
    if (source && key) add(source, source.created_at ?? root.created_at, key);
    const parts =
      isRecord(root.conversation_parts) && Array.isArray(root.conversation_parts.conversation_parts) ? root.conversation_parts.conversation_parts : [];
    parts.filter(isRecord).forEach((part, i) => add(part, part.created_at, `conversation_parts.conversation_parts[${i}]`));
    const subject = str(source?.subject) ?? str(root.title);
    return { format: 'Intercom', ...(subject ? { title: `Intercom conversation: ${htmlToText(subject)}` } : {}), messages };
  },
);

/** What an Intercom part with no body did: `(closed the conversation)`; empty for a kind not known, which the collector reports. */
function intercomAction(type: string | undefined, part: Record<string, unknown>): string {
  const to = isRecord(part.assigned_to) ? (str(part.assigned_to.name) ?? str(part.assigned_to.type)) : undefined;
  const said: Record<string, string> = {
    assignment: `(assigned the conversation${to ? ` to ${to}` : ''})`,
    assign_and_reopen: `(reopened the conversation and assigned it${to ? ` to ${to}` : ''})`,
    away_mode_assignment: '(assigned the conversation while its owner was away)',
    close: '(closed the conversation)',
    open: '(reopened the conversation)',
    snoozed: '(snoozed the conversation)',
    timer_unsnooze: '(the conversation came back from snooze)',
    participant_added: '(added a participant)',
    conversation_rating_changed: '(rated the conversation)',
  };
  return type && type !== 'comment' && type !== 'note' ? (said[type] ?? '') : '';
}

// ---------- Freshdesk ----------

export const freshdeskAdapter = helpdeskAdapter(
  'freshdesk',
  'Freshdesk ticket (with conversations) or conversations list (API v2 JSON)',
  (t) => /"(?:body_text|description_text)"\s*:/.test(t) && /"(?:requester_id|from_email|incoming)"\s*:/.test(t),
  (ctx, value) => {
    const messages: Partial<RawMessage & { undated: string }>[] = [];
    const ticket = isRecord(value) ? value : undefined;
    const list = Array.isArray(value) ? value : Array.isArray(ticket?.conversations) ? ticket.conversations : [];
    const requester = ticket && isRecord(ticket.requester) ? ticket.requester : undefined;
    if (ticket && (str(ticket.description_text) || str(ticket.description))) {
      messages.push({
        ...dated(ticket.created_at, ctx.timezone, 'created_at'),
        sender: str(requester?.name) ?? `requester ${String(ticket.requester_id ?? '?')}`,
        ...(str(requester?.email) ? { senderEmail: str(requester?.email)! } : {}),
        text: str(ticket.description_text) ?? htmlToText(str(ticket.description) ?? ''),
        ...attachmentList(ticket.attachments, 'name'),
        where: 'description',
        ...(str(ticket.subject) ? { subject: str(ticket.subject)! } : {}),
      });
    }
    const prefix = Array.isArray(value) ? '' : 'conversations';
    list.filter(isRecord).forEach((c, i) => {
      const from = str(c.from_email) ? splitAddress(str(c.from_email)!) : {};
      const text = str(c.body_text) ?? htmlToText(str(c.body) ?? '');
      messages.push({
        ...dated(c.created_at, ctx.timezone, 'created_at'),
        sender: from.name ?? from.email ?? (c.incoming === true ? 'customer' : `agent (user ${String(c.user_id ?? '?')})`),
        ...(from.email ? { senderEmail: from.email } : {}),
        text: c.private === true ? `(private note) ${text}` : text,
        ...attachmentList(c.attachments, 'name'),
        where: `${prefix}[${i}]`,
      });
    });
    const subject = str(ticket?.subject);
    return { format: 'Freshdesk', ...(subject ? { title: `Freshdesk ticket #${String(ticket?.id ?? '?')}: ${subject}` } : {}), messages };
  },
);
