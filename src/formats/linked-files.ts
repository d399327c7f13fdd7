import { posix } from 'node:path';
import type { ChatCollector, RawMessage } from '../chat/collect.js';
import type { Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';
import { resolveLinkedPath } from './export-path.js';
import { holdFolderFile, type FolderAttachment } from './html-chat/folder-media.js';
import type { ExportReader } from './types.js';

type Sink = Pick<ChatCollector, 'add' | 'report'>;

interface Linked {
  readonly seq: number;
  readonly where: string;
  readonly date: RawMessage['date'];
  readonly sender: string | undefined;
  readonly path: string;
  /** The file's name for the reader: the export's original name when it gives one apart from the path. */
  readonly name: string;
}

/**
 * Stands between an export's reader and the collector: each message's file paths are looked
 * up among the export's files as the message is added, named in it by the file's own name, and
 * noted to be shown after it once the whole export is read. A path that climbs out of the
 * export is refused with a finding; one the export does not hold stays named.
 */
interface Shared {
  readonly sink: Sink;
  readonly names: ReadonlySet<string>;
  /** The export, for findings. */
  readonly file: string;
  readonly linked: Linked[];
}

/** What every message of one page or conversation carries: its conversation, and the folder its paths are read from. */
interface Scope {
  readonly conversation?: string;
  readonly from?: string;
}

export class LinkedFiles implements Sink {
  private constructor(
    private readonly shared: Shared,
    private readonly scope: Scope,
  ) {}

  /** A recorder for an export whose files `reader` names. */
  static over(sink: Sink, reader: ExportReader, file: string): LinkedFiles {
    return new LinkedFiles({ sink, names: new Set(reader.names), file, linked: [] }, {});
  }

  /** The same recorder (one list for the whole export) for another page or conversation of it. */
  within(scope: Scope): LinkedFiles {
    return new LinkedFiles(this.shared, scope);
  }

  /**
   * Adds the message; `refs` say where its attachments are when the export names them apart
   * (Discord's file name and URL or path), else its attachments are the paths themselves.
   */
  add(raw: RawMessage, refs?: readonly string[]): number {
    const { sink, names, file, linked } = this.shared;
    const shown: string[] = [];
    const inside: { path: string; name: string }[] = [];
    (refs ?? raw.attachments ?? []).forEach((ref, i) => {
      const target = resolveLinkedPath(ref, names, this.scope.from ?? '');
      if (target.kind === 'inside') {
        const name = readerName(raw.attachments, refs ? i : -1, ref) ?? posix.basename(target.path);
        shown.push(name);
        inside.push({ path: target.path, name });
        return;
      }
      const name = (refs ? raw.attachments?.[i] : undefined) ?? (ref.replace(/^.*[/\\]/, '') || ref);
      shown.push(name);
      if (target.kind === 'outside') sink.report(makeFinding('CHAT_ATTACHMENT_OUTSIDE_EXPORT', { file }, { name, where: raw.where, path: target.path }));
    });
    const conversation = this.scope.conversation !== undefined ? { conversation: this.scope.conversation } : {};
    const seq = sink.add({ ...raw, ...conversation, ...(raw.attachments ? { attachments: shown } : {}) });
    const seen = new Set<string>();
    for (const { path, name } of inside) {
      if (seen.has(path)) continue;
      seen.add(path);
      linked.push({ seq, where: raw.where, date: raw.date, sender: raw.sender, path, name });
    }
    return seq;
  }

  report(finding: Finding): void {
    this.shared.sink.report(finding);
  }

  /** The linked images and PDFs, read and held to be shown after their messages. */
  async hold(reader: ExportReader): Promise<FolderAttachment[]> {
    const { sink, file, linked } = this.shared;
    const held: FolderAttachment[] = [];
    for (const l of linked) {
      const before = held.length;
      await holdFolderFile(reader, l.path, { seq: l.seq, where: l.where, date: l.date, sender: l.sender, file }, held, sink);
      // The caption names it as its message does; the appendix keeps its path on disk.
      if (held.length > before) held[before] = { ...held[before]!, name: l.name };
    }
    return held;
  }
}

/**
 * The original name the export gives attachment `i` apart from its path (Discord's HTML link
 * text, JSON `fileName`), when no other attachment of the message shares it: the transcript
 * points to each shown file by its name, so a shared one is named by its file on disk instead.
 */
function readerName(names: readonly string[] | undefined, i: number, ref: string): string | undefined {
  const name = i >= 0 ? names?.[i]?.trim() : undefined;
  if (!name || /[/\\]/.test(name)) return undefined;
  // A name read off the path itself (TXT, CSV) is the file on disk's, only perhaps decoded wrongly.
  const last = ref.replace(/[?#].*$/, '').replace(/^.*[/\\]/, '');
  if (name === last || name === safeDecode(last)) return undefined;
  return names!.filter((n) => n.trim() === name).length === 1 ? name : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
