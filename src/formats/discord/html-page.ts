import { allWithClass, attr, elementChildren, firstTag, firstWithClass, hasClass, textOf, type Element } from '../html-chat/dom.js';
import { classHas, elementStream, isCutOff, streamElements, type StreamElementsOptions, type StreamedHtml } from '../html-chat/stream-elements.js';
import type { DiscordExport, DiscordRecord } from './discord-record.js';

/** DiscordChatExporter's page: its `chatlog` and message-group markup, in the first bytes. */
export function looksLikeDiscordHtml(text: string): boolean {
  return /class="?chatlog"?[\s>]/.test(text) && /class="preamble/.test(text);
}

/**
 * DiscordChatExporter's HTML (MessageGroupTemplate.cshtml): groups of messages by one author;
 * the first carries `chatlog__author` (nickname shown, `title` the user name) and
 * `chatlog__timestamp`; the others only a `chatlog__short-timestamp` whose `title` is the full
 * time. Times are the exporting computer's local time in its locale's short format ("g").
 * Older versions (2.x) put the group's header in `chatlog__messages` and the time in each
 * message's `title="Message sent: …"` (before 2.28 only the group has a time: its messages are
 * shown at it).
 */
export function readDiscordHtml(html: string): DiscordExport {
  const reading = discordReading();
  const stream = elementStream(reading.options);
  stream.write(html);
  return reading.done(stream.end());
}

/** The same read from the file's stream, one message group at a time: an export of any size is held as its messages. */
export async function streamDiscordHtml(chunks: AsyncIterable<Buffer>): Promise<DiscordExport> {
  const reading = discordReading();
  return reading.done(await streamElements(chunks, reading.options));
}

/** What the parser is asked for (groups, preamble and postamble entries) and what is kept of them. */
function discordReading(): { options: StreamElementsOptions; done: (streamed: StreamedHtml) => DiscordExport } {
  const entries: string[] = [];
  const records: DiscordRecord[] = [];
  let postamble: string | undefined;
  const options: StreamElementsOptions = {
    isRoot: (_name, attribs) => classHas(attribs, 'chatlog__message-group', 'preamble__entry', 'postamble__entry'),
    onElement(el) {
      const text = () => textOf(el);
      if (hasClass(el, 'preamble__entry')) entries.push(...[text()].filter(Boolean));
      else if (hasClass(el, 'postamble__entry')) postamble ??= /message/i.test(text()) ? text() : undefined;
      else readGroup(el, records);
    },
  };
  const done = (streamed: StreamedHtml): DiscordExport => {
    const declared = postamble ? /([\d][\d,.\s\u00a0\u202f']*)/.exec(postamble)?.[1] : undefined;
    return {
      records,
      ...(entries.length ? { title: `Discord: ${entries.slice(0, 2).join(' › #')}` } : {}),
      ...(declared !== undefined ? { declared: Number(declared.replace(/\D/g, '')) } : {}),
      truncated: !streamed.closed,
    };
  };
  return { options, done };
}

function readGroup(group: Element, records: DiscordRecord[]): void {
  const author = firstWithClass(group, 'chatlog__author') ?? firstWithClass(group, 'chatlog__author-name');
  const groupTime = textOf(firstWithClass(group, 'chatlog__timestamp'));
  const messages = allWithClass(group, 'chatlog__message-container');
  const list = messages.length ? messages : allWithClass(group, 'chatlog__message');
  // A message the file ends inside is cut off: it is not shown half.
  for (const m of list) if (!isCutOff(m)) records.push(readMessage(m, groupTime, author));
}

function readMessage(m: Element, groupTime: string, groupAuthor: Element | undefined): DiscordRecord {
  const id = attr(m, 'data-message-id') ?? attr(m, 'id') ?? '';
  const system = firstWithClass(m, 'chatlog__system-notification-author');
  const author = system ?? firstWithClass(m, 'chatlog__author') ?? groupAuthor;
  const nick = textOf(author, { bare: true });
  const user = attr(author, 'title');
  // Newer versions put the long form ("f": "Thursday, March 14, 2024 9:00 AM") in a title: unambiguous, it is preferred.
  const stamp = firstWithClass(m, 'chatlog__timestamp');
  const systemStamp = system ? firstWithClass(m, 'chatlog__system-notification-timestamp') : undefined;
  const time =
    attr(systemStamp, 'title') ||
    textOf(systemStamp) ||
    attr(firstWithClass(m, 'chatlog__short-timestamp'), 'title') ||
    attr(stamp, 'title') ||
    textOf(stamp) ||
    attr(m, 'title')?.replace(/^Message sent:\s*/, '') ||
    groupTime;
  const names = [nick, user?.replace(/#\d{4}$/, '')].filter((n): n is string => !!n);
  const handle = user && user !== nick ? ` (${user})` : '';
  const lines: string[] = [];
  if (system) lines.push(`${nick} ${textOf(firstWithClass(m, 'chatlog__system-notification-content'))}`);
  const content = firstWithClass(m, 'chatlog__content');
  if (content) {
    const edited = firstWithClass(content, 'chatlog__edited-timestamp');
    const text = textOf(content, { preserve: true, skip: (e) => hasClass(e, 'chatlog__edited-timestamp') });
    lines.push([text, edited ? `(edited${attr(edited, 'title') ? ` ${attr(edited, 'title')}` : ''})` : ''].filter(Boolean).join(' '));
  }
  const forwarded = firstWithClass(m, 'chatlog__forwarded');
  if (forwarded) {
    const original = textOf(firstWithClass(forwarded, 'chatlog__forwarded-timestamp'));
    lines.push(
      ['(forwarded)', textOf(firstWithClass(forwarded, 'chatlog__forwarded-content'), { preserve: true }), original ? `(${original})` : '']
        .filter(Boolean)
        .join(' '),
    );
  }
  for (const embed of allWithClass(m, 'chatlog__embed')) lines.push(`[embed] ${embedText(embed)}`);
  const reactions = allWithClass(m, 'chatlog__reaction')
    .map((r) => textOf(r).replace(/\s+/g, ' '))
    .filter(Boolean);
  if (reactions.length) lines.push(`Reactions: ${reactions.join(', ')}`);
  const attachments = [...allWithClass(m, 'chatlog__attachment'), ...allWithClass(m, 'chatlog__forwarded-attachments').flatMap((f) => elementChildren(f))];
  const reply = firstWithClass(m, 'chatlog__reply-author') ?? firstWithClass(m, 'chatlog__reference-author') ?? firstWithClass(m, 'chatlog__reference-name');
  return {
    time,
    sender: `${nick || user || 'unknown'}${handle}`,
    names,
    text: lines.filter(Boolean).join('\n'),
    attachments: attachments.map(attachmentName),
    files: attachments.map(attachmentRef),
    system: system !== undefined,
    ...(reply ? { replyTo: textOf(reply) } : {}),
    where: id ? `message ${id.replace(/^(?:chatlog__message-container-|message-)/, '')}` : 'a message',
  };
}

function embedText(embed: Element): string {
  const parts = ['chatlog__embed-author', 'chatlog__embed-title', 'chatlog__embed-description'].map((c) =>
    textOf(firstWithClass(embed, c), { preserve: true }),
  );
  for (const field of allWithClass(embed, 'chatlog__embed-field')) {
    parts.push(
      `${textOf(firstWithClass(field, 'chatlog__embed-field-name'))}: ${textOf(firstWithClass(field, 'chatlog__embed-field-value'), { preserve: true })}`,
    );
  }
  parts.push(textOf(firstWithClass(embed, 'chatlog__embed-footer-text')));
  const text = parts.filter(Boolean).join('\n');
  if (text) return text;
  const href = attr(firstTag(embed, 'a'), 'href') ?? attr(firstTag(embed, 'img'), 'src') ?? attr(firstTag(embed, 'iframe'), 'src');
  return href ?? textOf(embed);
}

/** Where the attachment is: the media's source, or the link (a URL, or with `--media` the downloaded file's path). */
function attachmentRef(a: Element): string {
  const self = a.name === 'img' || a.name === 'a' ? a : undefined;
  return attr(firstTag(a, 'img') ?? self, 'src') ?? attr(firstTag(a, 'source'), 'src') ?? attr(firstTag(a, 'a') ?? self, 'href') ?? '';
}

/** `title="Image: photo.png (12.5 KB)"`, a generic file's name, or the link's last part. */
function attachmentName(a: Element): string {
  const titled = [firstTag(a, 'img'), firstTag(a, 'source')].map((e) => attr(e, 'title')).find(Boolean);
  const named = titled ? /^\w+: (.+?)(?: \([^()]*\))?$/.exec(titled)?.[1] : undefined;
  if (named) return named;
  const generic = textOf(firstWithClass(a, 'chatlog__attachment-generic-name') ?? firstWithClass(a, 'chatlog__attachment-filename'), { bare: true });
  if (generic) return generic;
  const href = attr(firstTag(a, 'a'), 'href') ?? attr(firstTag(a, 'img'), 'src') ?? '';
  return (
    decodeURIComponent(
      href
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? '',
    ) || 'attachment'
  );
}
