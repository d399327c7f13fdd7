import { dateFactFromLocal, offsetMinutesAt } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { standardOffset } from './standard-offset.js';
import { attr, elementChildren, firstTag, firstWithClass, hasClass, textOf, type Element } from '../html-chat/dom.js';
import { classHas, streamElements } from '../html-chat/stream-elements.js';

/** One entry of a Telegram Desktop messages*.html page, in page order. */
export interface TelegramHtmlEntry {
  readonly id: string;
  /** Undefined for a service line (tdesktop writes no time for those) or a time it could not read. */
  readonly date?: DateFact;
  readonly dateText?: string;
  /** Undefined for a "joined" message (same sender as the one before) and service lines. */
  readonly sender?: string;
  readonly text: string;
  /** Paths of the files it carries, relative to the page, as the page links them. */
  readonly files: string[];
  readonly service: boolean;
  readonly replyTo?: string;
}

/** What a page says besides its messages, known once it is read to its end. */
export interface TelegramHtmlPage {
  readonly title?: string;
  /** The page named by "Next messages", when there is one. */
  readonly next?: string;
  /** The markup ends before its closing tag (or inside a message): the file was cut short. */
  readonly truncated: boolean;
  /** Blocks too large to be a message, left out. */
  readonly oversized: number;
  /** The most characters of markup held at once (one message's), for tests of bounded memory. */
  readonly peakHeldChars: number;
}

export interface TelegramPageOptions {
  readonly zone: string | undefined;
  /** Told the chat's name (the page header) before the page's messages. */
  readonly onTitle?: (title: string) => void;
  /** Told each message and service line, in page order, as it is read. */
  readonly onEntry: (entry: TelegramHtmlEntry) => void;
  /** What a message takes from the one before it, across pages: the source of the last forward. */
  readonly carried?: { forwardedFrom?: string };
  /** Characters of one block held at most (tests lower it). */
  readonly maxElementChars?: number;
}

/** Telegram's look: tdesktop's page frame and message blocks, read from the first bytes. */
export function looksLikeTelegramHtml(text: string): boolean {
  return /<div class="page_wrap"/.test(text) && /class="message (?:default|service)/.test(text);
}

/**
 * `title="19.04.2021 16:24:58 UTC+03:00"` (tdesktop 4.0 on; older exports write no offset, the
 * exporting computer's local time). The offset tdesktop writes is its zone's STANDARD offset
 * (QTimeZone::StandardTime), also on times in daylight-saving time: when the case's zone has
 * that standard offset, the time is read in that zone, so summer times are right too;
 * otherwise the written offset is all there is.
 */
const TITLE_DATE = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):?(\d{2}))?$/;

export function telegramTitleDate(text: string, zone: string | undefined): DateFact | undefined {
  const m = TITLE_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, d, mo, y, h, mi, s, sign, oh, om] = m;
  const local = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  const written = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : undefined;
  const options = { text: text.trim(), source: 'export' as const };
  if (written === undefined) return dateFactFromLocal(local, { ...options, ...(zone ? { zone } : {}) });
  if (zone && standardOffset(zone, local.year) === written) {
    const inZone = dateFactFromLocal(local, { ...options, zone });
    return inZone && { ...inZone, zone: 'offset', offsetMinutes: offsetMinutesAt(inZone.epochMs, zone) };
  }
  return dateFactFromLocal(local, { ...options, offsetMinutes: written });
}

/** Reads one messages*.html page message by message, holding one message's markup at a time. */
export async function readTelegramHtmlPage(chunks: AsyncIterable<Buffer>, options: TelegramPageOptions): Promise<TelegramHtmlPage> {
  let title: string | undefined;
  let next: string | undefined;
  let cut = 0;
  const streamed = await streamElements(chunks, {
    isRoot: (name, attribs) => classHas(attribs, 'message', 'page_header') || (name === 'a' && classHas(attribs, 'pagination')),
    ...(options.maxElementChars !== undefined ? { maxElementChars: options.maxElementChars } : {}),
    onElement(el, whole) {
      if (hasClass(el, 'page_header')) {
        const text = title === undefined ? textOf(firstWithClass(el, 'text')) : '';
        if (text) options.onTitle?.((title = text));
      } else if (el.name === 'a' && hasClass(el, 'pagination')) {
        if (/next/i.test(textOf(el))) next ??= attr(el, 'href');
      } else if (!whole) {
        // A message the file ends inside is cut off: it is not shown half.
        cut++;
      } else {
        const entry = readEntry(el, options.zone, options.carried ?? {});
        if (entry) options.onEntry(entry);
      }
    },
  });
  return {
    ...(title ? { title } : {}),
    ...(next ? { next } : {}),
    truncated: cut > 0 || !streamed.closed,
    oversized: streamed.oversized,
    peakHeldChars: streamed.peakHeldChars,
  };
}

/** A message or a service line; undefined for a day header (layout, not a message). */
function readEntry(el: Element, zone: string | undefined, carried: { forwardedFrom?: string }): TelegramHtmlEntry | undefined {
  if (hasClass(el, 'service')) {
    const id = attr(el, 'id') ?? '';
    // Day headers ("19 April 2021") carry negative ids: layout, not messages.
    if (/^message-\d+$/.test(id)) return undefined;
    const text = textOf(firstWithClass(el, 'body'));
    return text ? { id, text, files: [], service: true } : undefined;
  }
  return hasClass(el, 'default') ? readMessage(el, zone, carried) : undefined;
}

function readMessage(el: Element, zone: string | undefined, carried: { forwardedFrom?: string }): TelegramHtmlEntry {
  const body = elementChildren(el).find((c) => hasClass(c, 'body'));
  const parts = body ? elementChildren(body) : [];
  const dateEl = parts.find((c) => hasClass(c, 'date'));
  const dateText = attr(dateEl, 'title');
  const date = dateText ? telegramTitleDate(dateText, zone) : undefined;
  // "Sam Seller via @shopbot": the bot is said in the text, the sender is the person.
  const [, named, via] =
    /^(.*?)(?: via @(\w+))?$/s.exec(
      textOf(
        parts.find((c) => hasClass(c, 'from_name')),
        { bare: true },
      ),
    ) ?? [];
  const sender = named || undefined;
  const forwarded = parts.find((c) => hasClass(c, 'forwarded') && hasClass(c, 'body'));
  const inner = forwarded ? elementChildren(forwarded) : parts;
  const lines: string[] = via ? [`(via @${via})`] : [];
  if (forwarded) {
    const from = inner.find((c) => hasClass(c, 'from_name'));
    // A forward from the same source as the one before, within 15 minutes, omits the name too (forwardedNeedsWrap).
    const name = from ? textOf(from, { bare: true, skip: (e) => hasClass(e, 'date') }) : carried.forwardedFrom;
    if (name) carried.forwardedFrom = name;
    lines.push(`(forwarded from ${name ?? 'an earlier message'})`);
  }
  const files: string[] = [];
  readMedia(inner, lines, files);
  const text = inner.find((c) => hasClass(c, 'text'));
  if (text) lines.push(textOf(text));
  const signature = inner.find((c) => hasClass(c, 'signature'));
  if (signature) lines.push(`— ${textOf(signature)}`);
  const reply = parts.find((c) => hasClass(c, 'reply_to'));
  const replyTarget = reply ? /go_to_message(\d+)/.exec(attr(firstTag(reply, 'a'), 'href') ?? '')?.[1] : undefined;
  return {
    id: attr(el, 'id') ?? '',
    ...(date ? { date } : {}),
    ...(dateText ? { dateText } : {}),
    ...(sender ? { sender } : {}),
    text: lines.filter(Boolean).join('\n'),
    files,
    service: false,
    ...(reply ? { replyTo: replyTarget ? `reply to message ${replyTarget}` : textOf(reply) } : {}),
  };
}

/** What each media block of a message says (a line) and links (a file of the export). */
function readMedia(inner: Element[], lines: string[], files: string[]): void {
  for (const media of inner.filter((c) => hasClass(c, 'media_wrap'))) {
    const link = elementChildren(media).find((c) => c.name === 'a');
    const href = attr(link, 'href');
    // A sticker is a picture-word, not a document: it is said, not shown as an exhibit.
    if (link && hasClass(link, 'sticker_wrap')) {
      lines.push('[sticker]');
      continue;
    }
    if (href && !/^[a-z]+:/i.test(href) && !href.startsWith('#')) files.push(decodeURIComponent(href));
    const described = [textOf(firstWithClass(media, 'title')), textOf(firstWithClass(media, 'description')), textOf(firstWithClass(media, 'status'))].filter(
      Boolean,
    );
    const poll = firstWithClass(media, 'media_poll');
    // The question, each answer and the total, one a line.
    if (poll) lines.push(textOf(poll).replace(/\n{2,}/g, '\n'));
    else if (described.length && !href) lines.push(`[${described.join(' — ')}]`);
    else if (described.length && href && /^[a-z]+:/i.test(href)) lines.push(`[${described.join(' — ')}] ${href}`);
  }
}
