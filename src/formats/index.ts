import { accessLogAdapter } from './access-log/index.js';
import { archiveAdapter } from './archive.js';
import { csvAdapter } from './csv/index.js';
import { discordCsvAdapter, discordJsonAdapter } from './discord/index.js';
import { emailAdapter } from './email/index.js';
import { msgAdapter } from './email/msg-adapter.js';
import { appleMailFolderFormat, emlxAdapter } from './email/emlx-adapter.js';
import { tnefAdapter } from './email/tnef-adapter.js';
import { freshdeskAdapter, helpscoutAdapter, intercomAdapter, zendeskAdapter } from './helpdesk/index.js';
import { messengerAdapter } from './meta/index.js';
import { telegramAdapter } from './telegram/index.js';
import { imageAdapter } from './image/index.js';
import { pdfAdapter } from './pdf/index.js';
import { slackFolderFormat } from './slack/index.js';
import type { FolderFormat, FormatAdapter } from './types.js';
import { whatsappAdapter } from './whatsapp/index.js';
import { googleChatAdapter, googleChatFolderFormat } from './google-chat/index.js';
import { imessageHtmlAdapter, imessageTxtAdapter } from './imessage/index.js';
import { lineAdapter } from './line/index.js';
import { signalFolderFormat, signalHtmlAdapter, signalMarkdownAdapter } from './signal/index.js';
import { smsBackupAdapter } from './sms-backup/index.js';
import { telegramHtmlAdapter, telegramHtmlFolderFormat } from './telegram/html.js';
import { discordHtmlAdapter, discordTxtAdapter } from './discord/exported-text.js';
import { messengerHtmlAdapter, messengerHtmlFolderFormat } from './meta/html.js';
import { imessageFolderFormat } from './imessage/folder.js';
import { discordMediaFolderFormat } from './discord/folder.js';

/** Every input format evidence-packet reads. New adapters are added here. */
export const FORMAT_ADAPTERS: readonly FormatAdapter[] = [
  // Known by their first bytes, and carrying PDFs and images whose signatures a sniffer would find inside.
  tnefAdapter,
  msgAdapter,
  imageAdapter,
  pdfAdapter,
  archiveAdapter,
  whatsappAdapter,
  emailAdapter,
  emlxAdapter,
  telegramAdapter,
  messengerAdapter,
  discordJsonAdapter,
  discordCsvAdapter,
  helpscoutAdapter,
  zendeskAdapter,
  intercomAdapter,
  freshdeskAdapter,
  csvAdapter,
  smsBackupAdapter,
  lineAdapter,
  googleChatAdapter,
  imessageTxtAdapter,
  imessageHtmlAdapter,
  signalMarkdownAdapter,
  signalHtmlAdapter,
  telegramHtmlAdapter,
  discordHtmlAdapter,
  discordTxtAdapter,
  messengerHtmlAdapter,
  accessLogAdapter,
];

/** Formats whose export is a folder of files (detected by the files it holds). */
export const FOLDER_FORMATS: readonly FolderFormat[] = [
  slackFolderFormat,
  appleMailFolderFormat,
  googleChatFolderFormat,
  signalFolderFormat,
  telegramHtmlFolderFormat,
  messengerHtmlFolderFormat,
  imessageFolderFormat,
  discordMediaFolderFormat,
];

/** Each folder export among the case's files, with its format and its files (sorted). */
export function findFolderExports(files: readonly string[]): { folder: string; format: FolderFormat; members: string[] }[] {
  const inFolders = FOLDER_FORMATS.flatMap((format) =>
    format.findFolders(files).map((folder) => ({
      folder,
      format,
      members: [...(format.membersOf?.(folder, files) ?? files.filter((f) => f.startsWith(`${folder}/`)))].sort(),
    })),
  );
  // An export dropped loose in the case folder (folder ''), of its files not already in a folder export.
  const taken = new Set(inFolders.flatMap((f) => f.members));
  const free = files.filter((f) => !taken.has(f));
  const atRoot = FOLDER_FORMATS.flatMap((format) => {
    const members = format.rootMembers?.(free) ?? [];
    return members.length ? [{ folder: '', format, members: [...members].sort() }] : [];
  });
  return [...inFolders, ...atRoot.slice(0, 1)];
}

/** How many leading bytes detection looks at. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The adapter most confident about this content (the first, among equals), or undefined when
 * none recognises it. A certain match ends the search: an image, known by its first bytes, is
 * not also decoded as text for every chat format to look at.
 */
export function detectFormat(sample: Buffer, fileName: string): FormatAdapter | undefined {
  let best: { adapter: FormatAdapter; confidence: number } | undefined;
  for (const adapter of FORMAT_ADAPTERS) {
    const confidence = adapter.detect(sample, fileName);
    if (confidence >= 1) return adapter;
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { adapter, confidence };
  }
  return best?.adapter;
}

/** The adapter whose extensions claim this name (to explain a mismatch with the content). */
export function adapterForExtension(fileName: string): FormatAdapter | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return FORMAT_ADAPTERS.find((a) => a.ownsExtensions !== false && a.extensions.includes(ext));
}

export type { FolderFormat, FormatAdapter } from './types.js';
export { describeHtmlPage } from './html-chat/html-sample.js';
