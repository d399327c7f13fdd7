import { basename } from 'node:path';
import type { ChatCollector } from '../../chat/collect.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { attachmentExhibits, holdAttachment, type HeldAttachment } from '../attachments.js';
import { chatResult, newCollector } from '../chat-result.js';
import { isRecord, jsonSample, readJson, str } from '../json-input.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { parseCreatedDate } from './created-date.js';
import { rejectSource } from '../reject-source.js';

/**
 * Google Chat in Google Takeout: `Google Chat/Groups/<DM or Space id>/messages.json`
 * (`{messages: [{creator {name, email}, created_date, text, attached_files [{original_name,
 * export_name}], quoted_message_metadata, deletion_metadata, updated_date}]}`), with
 * `group_info.json` (the space's `name`, its `members`) and the attached files beside it.
 */
export const GOOGLE_CHAT_LABEL = 'Google Chat';

export const googleChatAdapter: FormatAdapter = {
  id: 'google-chat',
  label: 'Google Chat from Google Takeout (messages.json, with group_info.json and files beside it)',
  extensions: ['json'],
  ownsExtensions: false,
  detect(sample) {
    const text = jsonSample(sample);
    return text && /^\{\s*"messages"\s*:/.test(text) && /"creator"\s*:/.test(text) && /"created_date"\s*:/.test(text) ? 0.9 : 0;
  },
  parse: (ctx) => parseGoogleChat(ctx, undefined),
};

/** A Takeout group folder in the case: messages.json with group_info.json beside it. */
export const googleChatFolderFormat: FolderFormat = {
  id: 'google-chat',
  findFolders(files) {
    const set = new Set(files);
    return files
      .filter((f) => f.endsWith('/messages.json') && set.has(f.replace(/messages\.json$/, 'group_info.json')))
      .map((f) => f.slice(0, -'/messages.json'.length));
  },
  async parseFolder(ctx, reader) {
    const bytes = await reader.read('messages.json');
    return parseGoogleChat({ ...ctx, bytes }, reader);
  },
};

async function parseGoogleChat(ctx: ParseContext, folder: ExportReader | undefined): Promise<ParseResult> {
  const json = readJson(ctx);
  if (!json.ok) return rejectSource(json.finding);
  const root = isRecord(json.value) ? json.value : {};
  const group = folder ? await readGroupInfo(folder) : undefined;
  const collector = newCollector(ctx);
  const held: HeldAttachment[] = [];
  const messages = Array.isArray(root.messages) ? root.messages : [];
  const files = folder ? { reader: folder, files: new Set(folder.names) } : undefined;
  let undated = 0;
  for (const [i, m] of messages.entries()) {
    if (!isRecord(m)) continue;
    const where = `messages[${i}]`;
    const created = str(m.created_date);
    const date = created ? parseCreatedDate(created, ctx.timezone) : undefined;
    if (!date) {
      if (undated++ < 20)
        collector.report(
          makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: `created_date is ${JSON.stringify(m.created_date ?? null)}` }),
        );
      continue;
    }
    const creator = isRecord(m.creator) ? m.creator : {};
    const name = str(creator.name);
    const email = str(creator.email);
    const sender = name ?? email ?? '(sender not given)';
    const attached = Array.isArray(m.attached_files) ? m.attached_files.filter(isRecord) : [];
    const names = attached.map((a) => str(a.original_name) ?? str(a.export_name) ?? 'attachment');
    const seq = collector.add({
      date,
      sender,
      ...(email ? { senderEmail: email } : {}),
      text: messageText(m),
      attachments: names,
      ...(str(creator.user_type) && creator.user_type !== 'Human' ? { system: true } : {}),
      where,
      ...(quoted(m) ? { inReplyTo: quoted(m)! } : {}),
    });
    if (files) await holdAttachedFiles(ctx, files, collector, held, attached, { seq, message: where, sender, date });
  }
  // The first twenty are named one by one (a Takeout in a language not read would name them all).
  if (undated > 20)
    collector.report(
      makeFinding(
        'CHAT_MESSAGE_UNDATED',
        { file: ctx.source.file },
        { where: `${undated - 20} more message(s)`, detail: 'their created_date is not a time in a language read' },
      ),
    );
  const result = chatResult(ctx, collector, GOOGLE_CHAT_LABEL, spaceTitle(ctx, group), { findings: groupDamage(ctx, group) });
  if (!result.exhibit || held.length === 0) return result;
  const findings = [...result.findings];
  // A folder's files are named as it lists them: `<folder>/<file>`.
  const shown = await attachmentExhibits({ ...ctx, source: { ...ctx.source, file: ctx.source.file.replace(/\/$/, '') } }, result.exhibit, held, findings);
  // In a folder the files are listed already, as members of it.
  return { ...result, exhibits: [...result.exhibits, ...shown.exhibits], findings, ...(folder ? {} : { innerSources: shown.sources }) };
}

type GroupInfo = { name?: string; members: string[]; broken?: string };

/** Holds the files a message names that the folder has. */
async function holdAttachedFiles(
  ctx: ParseContext,
  folder: { readonly reader: ExportReader; readonly files: ReadonlySet<string> },
  collector: ChatCollector,
  held: HeldAttachment[],
  attached: readonly Record<string, unknown>[],
  message: Omit<HeldAttachment, 'name' | 'bytes' | 'kind'>,
): Promise<void> {
  for (const a of attached) {
    // On disk a `?` of the export name is written `_` (Takeout's files cannot hold one).
    const exported = str(a.export_name)?.replace(/\?/g, '_');
    if (!exported || !folder.files.has(exported)) continue;
    holdAttachment(held, { name: exported, bytes: await folder.reader.read(exported) }, message, ctx.source.file, collector);
  }
}

function spaceTitle(ctx: ParseContext, group: GroupInfo | undefined): string {
  if (group?.name) return `Google Chat space: ${group.name}`;
  if (group?.members.length) return `Google Chat with ${group.members.join(', ')}`;
  return `Google Chat: ${basename(ctx.source.file.replace(/\/(?:messages\.json)?$/, ''))}`;
}

function groupDamage(ctx: ParseContext, group: GroupInfo | undefined): Finding[] {
  if (!group?.broken) return [];
  return [
    makeFinding(
      'ITEM_DAMAGED',
      { file: ctx.source.file },
      { detail: `its group_info.json is not valid JSON (${group.broken}), so the space's name and members are not known` },
    ),
  ];
}

function messageText(m: Record<string, unknown>): string {
  const text = str(m.text) ?? '';
  if (isRecord(m.deletion_metadata)) return text ? `(deleted) ${text}` : '(message deleted)';
  const updated = str(m.updated_date);
  return updated && updated !== str(m.created_date) ? `${text} (edited ${updated})` : text;
}

function quoted(m: Record<string, unknown>): string | undefined {
  const q = isRecord(m.quoted_message_metadata) ? m.quoted_message_metadata : undefined;
  if (!q) return undefined;
  const who = isRecord(q.creator) ? (str(q.creator.name) ?? str(q.creator.email)) : undefined;
  const text = str(q.text);
  return `quoting ${who ?? 'a message'}${text ? `: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}` : ''}`;
}

/** The space's name and members; a group_info.json that is not JSON says so (the title falls back to the folder's name). */
async function readGroupInfo(folder: ExportReader): Promise<GroupInfo> {
  let info: unknown;
  try {
    info = JSON.parse((await folder.read('group_info.json')).toString('utf8'));
  } catch (error) {
    return { members: [], broken: error instanceof Error ? error.message : String(error) };
  }
  if (!isRecord(info)) return { members: [] };
  const members = (Array.isArray(info.members) ? info.members.filter(isRecord) : []).map((p) => str(p.name) ?? str(p.email)).filter((n): n is string => !!n);
  return { ...(str(info.name) ? { name: str(info.name)! } : {}), members };
}
