import { parseIsoDate } from '../evidence/dates.js';
import type { ChatExhibit, ChatMessage, Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';
import { applyNotes, compileNotes, type NoteRule, noteFindings } from './match-notes.js';
import { ClientMatcher, matcher, type Matcher } from './matchers.js';
import type { CollectContext, RawMessage } from './raw-message.js';
import { maskCardNumbers } from './sensitive.js';

export type { CollectContext, RawMessage } from './raw-message.js';

/**
 * Without `select`, a chat keeps every message, up to this many: beyond it the packet could
 * not be sent anyway (processors take 19–50 pages), and memory stays bounded on huge exports.
 */
export const MAX_KEPT_MESSAGES = 5000;

/**
 * Applies case.yaml `select` and `notes` to a stream of messages as the adapter reads them,
 * so a long export never sits in memory whole: only selected messages (and `context` before
 * a match) are kept. Also recognises the client and masks card numbers.
 */
export class ChatCollector {
  private readonly kept = new Map<number, ChatMessage>();
  private readonly findings: Finding[] = [];
  private readonly recent: ChatMessage[] = [];
  private readonly client: ClientMatcher;
  private readonly from?: number;
  private readonly to?: number;
  private readonly matchers: Matcher[];
  private readonly context: number;
  private readonly selecting: boolean;
  private readonly notes: NoteRule[];
  private afterMatch = 0;
  private seq = 0;
  private overflow = 0;
  private clientSeen = false;
  private otherEmail: string | undefined;
  /** Addresses already reported as look-alikes of the client's. */
  private readonly lookalikes = new Set<string>();
  private clientEmailFromData: string | undefined;
  private cardWarned = 0;
  private emptyWarned = 0;
  /** Account ids of the senders whose names matched the client: 2 by the name shown (or email), 1 by another of their names. */
  private readonly matchedAuthors = new Map<string, number>();
  private readonly authorOf = new Map<number, string>();

  constructor(private readonly ctx: CollectContext) {
    this.client = new ClientMatcher(ctx.client);
    const select = ctx.item?.select;
    this.selecting = select !== undefined;
    const bound = (text: string | undefined, key: 'from' | 'to'): number | undefined => {
      if (!text) return undefined;
      const fact = parseIsoDate(text, 'manifest', ctx.timezone);
      if (!fact) {
        this.findings.push(makeFinding('MANIFEST_DATE_INVALID', { file: ctx.source.file, path: `select.${key}` }, { value: text }));
        return undefined;
      }
      // A date without a time means the whole day: `to: 2024-03-02` includes that day.
      return key === 'to' && fact.precision === 'day' ? fact.epochMs + 86_400_000 - 1 : fact.epochMs;
    };
    const from = bound(select?.from, 'from');
    const to = bound(select?.to, 'to');
    if (from !== undefined) this.from = from;
    if (to !== undefined) this.to = to;
    this.matchers = (select?.match ?? []).map((pattern, i) => {
      const m = matcher(pattern);
      if (m.problem)
        this.findings.push(makeFinding('MANIFEST_PATTERN_UNSUPPORTED', { file: ctx.source.file, path: `select.match[${i}]` }, { pattern, detail: m.problem }));
      return m;
    });
    this.context = select?.context ?? 0;
    this.notes = compileNotes(ctx, (finding) => this.findings.push(finding));
  }

  /** Adds a message in the export's order; returns its seq (what attachments shown after it name). */
  add(input: RawMessage): number {
    const seq = this.seq++;
    const raw = this.described(input);
    const text = this.masked(raw);
    const isClient = this.recognise(seq, raw);
    const message: ChatMessage = {
      seq,
      date: raw.date,
      ...(raw.sender !== undefined ? { sender: raw.sender } : {}),
      ...(raw.senderEmail !== undefined ? { senderEmail: raw.senderEmail } : {}),
      text,
      attachments: raw.attachments ?? [],
      ...(raw.system ? { system: true } : {}),
      where: raw.where,
      ...(raw.conversation !== undefined ? { conversation: raw.conversation } : {}),
      ...(raw.subject !== undefined ? { subject: raw.subject } : {}),
      ...(raw.inReplyTo !== undefined ? { inReplyTo: raw.inReplyTo } : {}),
      ...(isClient ? { isClient: true } : {}),
    };
    const noted = applyNotes(this.notes, seq, raw.date.epochMs, `${raw.sender ?? ''}\n${text}`);
    this.route(noted ? { ...message, note: noted } : message, Boolean(noted));
    return seq;
  }

  /** The message's text with card numbers masked; the first few found are reported. */
  private masked(raw: RawMessage): string {
    const masked = maskCardNumbers(raw.text);
    if (masked.masked.length > 0 && this.cardWarned < 20) {
      this.cardWarned++;
      this.findings.push(
        makeFinding(
          'SENSITIVE_CARD_NUMBER',
          { file: this.ctx.source.file, ...(raw.line !== undefined ? { line: raw.line } : {}) },
          {
            where: raw.where,
            last4: masked.masked.join(', '),
          },
        ),
      );
    }
    return masked.text;
  }

  /** Whether the client sent the message; notes who the client's accounts and addresses are, and look-alikes. */
  private recognise(seq: number, raw: RawMessage): boolean {
    const byShownName = this.client.isClient(raw.sender, raw.senderEmail);
    const isClient = byShownName || (raw.senderNames ?? []).some((name) => this.client.isClient(name, undefined));
    if (raw.senderId !== undefined) {
      this.authorOf.set(seq, raw.senderId);
      if (isClient) this.matchedAuthors.set(raw.senderId, Math.max(this.matchedAuthors.get(raw.senderId) ?? 0, byShownName ? 2 : 1));
    }
    if (!isClient && (raw.recipients ?? []).some((r) => this.client.isClient(r.name, r.email))) this.clientSeen = true;
    if (isClient) {
      this.clientSeen = true;
      if (raw.senderEmail && !this.clientEmailFromData) this.clientEmailFromData = raw.senderEmail;
    }
    const lookalike = raw.senderEmail ? this.client.lookalike(raw.sender, raw.senderEmail) : undefined;
    if (lookalike && !this.lookalikes.has(raw.senderEmail!)) {
      this.lookalikes.add(raw.senderEmail!);
      this.findings.push(makeFinding('CHAT_CLIENT_LOOKALIKE', { file: this.ctx.source.file }, { address: raw.senderEmail!, ...lookalike }));
    } else if (!lookalike && raw.senderEmail && this.client.nameMatches(raw.sender) && !this.client.hasEmail(raw.senderEmail))
      this.otherEmail ??= raw.senderEmail;
    return isClient;
  }

  /** Keeps the message if selected, noted or in a match's context, and remembers it as context for a later match. */
  private route(message: ChatMessage, noted: boolean): void {
    const inRange = this.inRange(message);
    const selected = inRange && this.isSelected(message);
    if (selected || noted) this.keep(message);
    else if (inRange && this.afterMatch > 0) {
      this.afterMatch--;
      this.keep(message);
    }
    if (this.context > 0 && inRange) {
      this.recent.push(message);
      if (this.recent.length > this.context) this.recent.shift();
    }
  }

  /** No message prints empty: one with neither text nor attachment is of a kind its adapter did not describe. */
  private described(raw: RawMessage): RawMessage {
    if (raw.text.trim() !== '' || (raw.attachments ?? []).length > 0) return raw;
    if (this.emptyWarned++ < 20) {
      this.findings.push(
        makeFinding(
          'CHAT_MESSAGE_KIND_UNKNOWN',
          { file: this.ctx.source.file, ...(raw.line !== undefined ? { line: raw.line } : {}) },
          { where: raw.where, kind: 'a message with no text or attachment' },
        ),
      );
    }
    return { ...raw, text: '(message with no content in the export)' };
  }

  private inRange(message: ChatMessage): boolean {
    const at = message.date.epochMs;
    return !(this.from !== undefined && at < this.from) && !(this.to !== undefined && at > this.to);
  }

  /** In range already; does it match (and bring its context)? */
  private isSelected(message: ChatMessage): boolean {
    if (!this.selecting || this.matchers.length === 0) return true;
    const text = `${message.sender ?? ''}\n${message.text}\n${message.attachments.join('\n')}`;
    if (!this.matchers.some((m) => m.test(text))) return false;
    // A match brings `context` messages before and after it.
    for (const before of this.recent) this.keep(before);
    this.recent.length = 0;
    this.afterMatch = this.context;
    return true;
  }

  private keep(message: ChatMessage): void {
    if (this.kept.has(message.seq)) return;
    if (this.kept.size >= MAX_KEPT_MESSAGES && !message.note) {
      this.overflow++;
      return;
    }
    this.kept.set(message.seq, message);
  }

  /**
   * Where the export names accounts, the client is the account (or accounts) whose name matched
   * best: in a two-person DM, the other person's display name can be the client's nickname too.
   */
  private byClientAccount(messages: ChatMessage[]): ChatMessage[] {
    if (this.matchedAuthors.size < 2) return messages;
    const best = Math.max(...this.matchedAuthors.values());
    return messages.map((m) => {
      const author = this.authorOf.get(m.seq);
      if (author === undefined || !m.isClient || this.matchedAuthors.get(author) === best) return m;
      const { isClient: _isClient, ...rest } = m;
      return rest;
    });
  }

  /**
   * Whether a message added earlier may still be shown: it is kept, or recent enough to be
   * kept as context before a later match. An adapter holds a message's files only while so.
   */
  mayShow(seq: number): boolean {
    return this.kept.has(seq) || this.recent.some((m) => m.seq === seq);
  }

  /** Findings the adapter makes while reading (bad lines, missing dates). */
  report(finding: Finding): void {
    this.findings.push(finding);
  }

  finish(format: string, title?: string): { exhibit?: ChatExhibit; findings: Finding[]; clientEmail?: string } {
    const file = this.ctx.source.file;
    const findings = [...this.findings, ...noteFindings(this.notes, file)];
    if (this.overflow > 0) {
      findings.push(makeFinding('CHAT_TOO_MANY_MESSAGES', { file }, { total: this.seq, kept: MAX_KEPT_MESSAGES, limit: MAX_KEPT_MESSAGES }));
    }
    if (this.seq === 0) {
      if (!findings.some((f) => f.code === 'CHAT_MESSAGE_UNDATED')) findings.push(makeFinding('CHAT_EMPTY', { file }, { format }));
      return { findings };
    }
    if (this.client.known && !this.clientSeen) findings.push(makeFinding('CHAT_CLIENT_ABSENT', { file }, { messages: this.seq }));
    const email = this.ctx.client?.email?.value;
    if (this.otherEmail && email && this.otherEmail.toLowerCase() !== email.toLowerCase()) {
      findings.push(makeFinding('CHAT_CLIENT_EMAIL_MISMATCH', { file }, { found: this.otherEmail, expected: email }));
    }
    const messages = this.byClientAccount([...this.kept.values()]).sort((a, b) => a.date.epochMs - b.date.epochMs || a.seq - b.seq);
    const first = messages[0];
    if (!first) {
      findings.push(makeFinding('CHAT_SELECTION_EMPTY', { file, path: 'select' }, { total: this.seq }));
      return { findings };
    }
    const assumed = messages.find((m) => m.date.zone.startsWith('assumed:'));
    if (assumed && !this.ctx.timezone) findings.push(makeFinding('CHAT_TIMEZONE_MISSING', { file }, { format, zone: assumed.date.zone.slice(8) }));
    const exhibit: ChatExhibit = {
      kind: 'chat',
      file,
      source: this.ctx.source,
      format,
      ...(title ? { title } : {}),
      date: first.date,
      messages,
      totalMessages: this.seq,
      ...(this.ctx.item?.note ? { note: { value: maskCardNumbers(this.ctx.item.note).text, source: 'case.yaml' } } : {}),
    };
    return { exhibit, findings, ...(this.clientEmailFromData ? { clientEmail: this.clientEmailFromData } : {}) };
  }
}
