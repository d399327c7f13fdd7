import { dateFactFromLocal, offsetMinutesAt } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { standardOffset } from './standard-offset.js';
import { allWithClass, attr, elementChildren, firstTag, firstWithClass, hasClass, isWhole, parseHtml, textOf, type Element } from '../html-chat/dom.js';

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

export interface TelegramHtmlPage {
  readonly title?: string;
  readonly entries: TelegramHtmlEntry[];
  /** The page named by "Next messages", when there is one. */
  readonly next?: string;
  /** The markup ends before its closing tag: the file was cut short. */
  readonly truncated: boolean;
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

export function readTelegramHtmlPage(html: string, zone: string | undefined): TelegramHtmlPage {
  const doc = parseHtml(html);
  const header = firstWithClass(doc, 'page_header');
  const title = header ? textOf(firstWithClass(header, 'text')) || undefined : undefined;
  const entries: TelegramHtmlEntry[] = [];
  let cut = 0;
  for (const el of allWithClass(doc, 'message')) {
    // A message the file ends inside is cut off: it is not shown half.
    if (!isWhole(el, html)) {
      cut++;
      continue;
    }
    if (hasClass(el, 'service')) {
      const id = attr(el, 'id') ?? '';
      // Day headers ("19 April 2021") carry negative ids: layout, not messages.
      if (/^message-\d+$/.test(id)) continue;
      const text = textOf(firstWithClass(el, 'body'));
      if (text) entries.push({ id, text, files: [], service: true });
    } else if (hasClass(el, 'default')) entries.push(readMessage(el, zone));
  }
  const next = allWithClass(doc, 'pagination').find((a) => /next/i.test(textOf(a)));
  const href = attr(next, 'href');
  return { ...(title ? { title } : {}), entries, ...(href ? { next: href } : {}), truncated: cut > 0 || !/<\/html>\s*$/i.test(html) };
}

function readMessage(el: Element, zone: string | undefined): TelegramHtmlEntry {
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
    lines.push(`(forwarded from ${from ? textOf(from, { bare: true, skip: (e) => hasClass(e, 'date') }) : 'an earlier message'})`);
  }
  const files: string[] = [];
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
    if (poll) lines.push(textOf(poll));
    else if (described.length && !href) lines.push(`[${described.join(' — ')}]`);
    else if (described.length && href && /^[a-z]+:/i.test(href)) lines.push(`[${described.join(' — ')}] ${href}`);
  }
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
