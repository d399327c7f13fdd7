import { dateFactFromEpoch } from '../../evidence/dates.js';
import type { ZipArchive } from '../../io/zip.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import type { ExportReader, FolderFormat, ParseContext, ParseResult } from '../types.js';
import type { RawMessage } from '../../chat/collect.js';

/**
 * A Slack workspace export (Settings → Import/Export → Export), as a zip or unpacked:
 * `users.json`, `channels.json` (and `groups.json`, `dms.json`, `mpims.json`), and one
 * folder per conversation holding a JSON file per day. Day files are cut on the workspace's
 * local day, so each message's instant comes from its `ts` (seconds since the epoch, UTC).
 */
export const SLACK_LABEL = 'Slack';

/** The folder (inside a zip or a case) that holds users.json and channels.json, '' at the top. */
export function slackRoot(names: readonly string[]): string | undefined {
  const set = new Set(names);
  for (const name of names) {
    if (!name.endsWith('channels.json')) continue;
    const root = name.slice(0, -'channels.json'.length);
    if (root && !root.endsWith('/')) continue;
    if (set.has(`${root}users.json`)) return root;
  }
  return undefined;
}

/** An unpacked Slack export in the case folder: a folder holding channels.json and users.json. */
export const slackFolderFormat: FolderFormat = {
  id: 'slack',
  findFolders(files) {
    return files
      .filter((f) => f.endsWith('/channels.json') && files.includes(f.replace(/channels\.json$/, 'users.json')))
      .map((f) => f.slice(0, -'/channels.json'.length));
  },
  parseFolder: (ctx, reader) => parseSlackExport(ctx, reader, ''),
};

interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  profile?: { real_name?: string; display_name?: string; email?: string };
}

interface SlackMessage {
  type?: string;
  subtype?: string;
  user?: string;
  username?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  user_profile?: { real_name?: string; display_name?: string };
  files?: { name?: string; title?: string }[];
  attachments?: { fallback?: string; title?: string }[];
  room?: { name?: string; date_start?: number; date_end?: number };
}

const DAY_FILE = /^(.*?)([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;

export async function parseSlackExport(ctx: ParseContext, reader: ExportReader, root: string): Promise<ParseResult> {
  const file = ctx.source.file;
  const collector = newCollector(ctx);
  const parseJson = async <T>(name: string): Promise<T | undefined> => {
    try {
      return JSON.parse((await reader.read(name)).toString('utf8').replace(/^\ufeff/, '')) as T;
    } catch (error) {
      collector.report(makeFinding('ITEM_UNREADABLE', { file }, { detail: `${name}: ${error instanceof Error ? error.message : String(error)}` }));
      return undefined;
    }
  };
  const users = new Map<string, SlackUser>();
  for (const user of (await parseJson<SlackUser[]>(`${root}users.json`)) ?? []) if (user?.id) users.set(user.id, user);
  const nameOf = (id: string | undefined, message?: SlackMessage) => displayName(users, id, message);
  const channelNames = await readChannelNames(reader, root, parseJson, nameOf);

  const dayFiles = reader.names.filter((n) => n.startsWith(root) && DAY_FILE.test(n.slice(root.length))).sort();
  const messages: (RawMessage & { ts: number; threadTs?: number })[] = [];
  for (const name of dayFiles) {
    const m = DAY_FILE.exec(name.slice(root.length))!;
    const channel = m[2]!;
    const conversation = `#${channelNames.get(channel) ?? channel}`;
    const day = (await parseJson<SlackMessage[]>(name)) ?? [];
    if (!Array.isArray(day)) continue;
    day.forEach((message, i) => {
      if (message?.type !== 'message') return;
      const where = `${name.slice(root.length)} [${i}]`;
      const ts = Number(message.ts);
      if (!message.ts || !Number.isFinite(ts)) {
        collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where, detail: `ts is ${JSON.stringify(message.ts ?? null)}` }));
        return;
      }
      const epochMs = Math.round(ts * 1000);
      const threadTs = message.thread_ts ? Number(message.thread_ts) : undefined;
      const user = message.user ? users.get(message.user) : undefined;
      const sender = nameOf(message.user, message);
      const files = (message.files ?? []).map((f) => f.name ?? f.title ?? 'file').filter(Boolean);
      messages.push({
        ts: epochMs,
        ...(threadTs !== undefined && threadTs !== ts ? { threadTs: Math.round(threadTs * 1000) } : {}),
        date: dateFactFromEpoch(epochMs, `ts ${message.ts}`, 'export'),
        ...(sender ? { sender } : {}),
        ...(user?.profile?.email ? { senderEmail: user.profile.email } : {}),
        text: messageText(message, files, nameOf, channelNames),
        attachments: files,
        ...(message.subtype && /join|leave|topic|purpose|name|archive/.test(message.subtype) ? { system: true } : {}),
        where,
        conversation,
      });
    });
  }
  addInTimeOrder(collector, messages);
  const conversations = new Set(messages.map((m) => m.conversation));
  const title = conversations.size === 1 ? `Slack ${[...conversations][0]}` : `Slack workspace export (${conversations.size} conversations)`;
  return chatResult(ctx, collector, SLACK_LABEL, title);
}

/** How a person is shown: their real name where the export has one, else their display name or handle, else their id. */
function displayName(users: ReadonlyMap<string, SlackUser>, id: string | undefined, message?: SlackMessage): string | undefined {
  const user = id ? users.get(id) : undefined;
  return (
    user?.profile?.real_name || user?.real_name || message?.user_profile?.real_name || user?.profile?.display_name || user?.name || message?.username || id
  );
}

/** Channel names by id (and by name): folder names are channel names; DMs and private groups are named by id, listed in their own files. */
async function readChannelNames(
  reader: ExportReader,
  root: string,
  parseJson: <T>(name: string) => Promise<T | undefined>,
  nameOf: (id: string | undefined) => string | undefined,
): Promise<Map<string, string>> {
  const channelNames = new Map<string, string>();
  for (const list of ['channels.json', 'groups.json', 'mpims.json', 'dms.json']) {
    if (!reader.names.includes(`${root}${list}`)) continue;
    for (const channel of (await parseJson<{ id?: string; name?: string; members?: string[] }[]>(`${root}${list}`)) ?? []) {
      if (!channel?.id) continue;
      const name = channel.name ?? (channel.members ?? []).map((m) => nameOf(m)).join(', ');
      channelNames.set(channel.id, name);
      if (channel.name) channelNames.set(channel.name, channel.name);
    }
  }
  return channelNames;
}

/** The messages in time order, a thread's replies naming who started it. */
function addInTimeOrder(collector: ReturnType<typeof newCollector>, messages: (RawMessage & { ts: number; threadTs?: number })[]): void {
  messages.sort((a, b) => a.ts - b.ts);
  const senderAt = new Map(messages.map((m) => [m.ts, m.sender ?? '?']));
  for (const { ts: _ts, threadTs, ...message } of messages) {
    const parent = threadTs !== undefined ? senderAt.get(threadTs) : undefined;
    collector.add(threadTs !== undefined ? { ...message, inReplyTo: `reply in a thread started by ${parent ?? 'a message not in the export'}` } : message);
  }
}

/** A message's text with its attachments' fallbacks; with neither text nor files, what kind of message it was. */
function messageText(
  message: SlackMessage,
  files: readonly string[],
  nameOf: (id: string | undefined) => string | undefined,
  channelNames: ReadonlyMap<string, string>,
): string {
  const extra = (message.attachments ?? []).map((a) => a.fallback ?? a.title).filter((t): t is string => !!t);
  return (
    [
      slackText(
        message.text ?? '',
        (id) => nameOf(id) ?? id,
        (id) => channelNames.get(id) ?? id,
      ),
      ...extra,
    ]
      .filter(Boolean)
      .join('\n') || (files.length === 0 ? kindOf(message) : '')
  );
}

/** A message with no text says what it was: a huddle (with its length), or its subtype. */
function kindOf(message: SlackMessage): string {
  const room = message.room;
  if (room) {
    const minutes = room.date_start && room.date_end ? ` (${Math.round((room.date_end - room.date_start) / 60)} min)` : '';
    return `Huddle${room.name ? `: ${room.name}` : ''}${minutes}`;
  }
  return message.subtype ? `(${message.subtype.replace(/_/g, ' ')})` : '';
}

/** Slack's markup as a reader sees it: mentions by name, links by label, entities decoded. */
export function slackText(text: string, user: (id: string) => string, channel: (id: string) => string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_, id: string, label?: string) => `@${label ?? user(id)}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `#${label || channel(id)}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(mailto:)?([^|>]+)(?:\|[^>]+)?>/g, '$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function parseSlackZip(ctx: ParseContext, archive: ZipArchive, root: string): Promise<ParseResult> {
  return parseSlackExport(ctx, { names: archive.entries.map((e) => e.name), read: (name) => archive.read(name, 64 * 1024 * 1024) }, root);
}
