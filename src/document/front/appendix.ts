import type { PlanContext } from '../plan-context.js';
import { describeDateOrigin, describeDateSource } from '../../evidence/describe.js';
import type { Exhibit, SourceFile } from '../../evidence/model.js';
import { COMPACT_STYLE, ROOMY_STYLE } from '../text/flow-style.js';
import { FlowWriter } from '../text/flow-writer.js';
import type { PacketInput, PlannedPage } from '../types.js';
import type { MatterLayout } from './plan-front.js';

/** The compact appendix's text: provenance at the prose floor, hashes at the floor for monospaced digits. */
const COMPACT_TEXT = 10;
const COMPACT_HASH = 7;

/**
 * Every source file with its hash and size, what it is in the packet and where its dates
 * came from. Compact: two columns, each file's path and details shortened (the build report
 * keeps them whole), its full hash in a smaller monospaced face.
 */
export function planAppendix(ctx: PlanContext, layout: MatterLayout = 'roomy'): PlannedPage[] {
  const { input } = ctx;
  const compact = layout === 'compact';
  const w = new FlowWriter(ctx.fonts, input.paper, 'appendix', 'Appendix', compact ? COMPACT_STYLE : ROOMY_STYLE);
  w.heading('Appendix — source files', 14);
  const client = `The client’s name is from ${input.info.client.name?.source ?? 'nowhere (not given)'}, the email from ${input.info.client.email?.source ?? 'nowhere (not given)'}.`;
  const intro = `Every file in the case folder, with its SHA-256 hash and size as read, and where each exhibit’s date came from. ${client} The files were read only; none was modified.`;
  if (compact)
    w.paragraph(`${intro} Folders and details are shortened here; a build with --report records each file’s full provenance.`, { size: COMPACT_TEXT });
  else w.paragraph(intro);
  // A zip's images and a folder's files are several exhibits of one file; a chat's excerpts are one exhibit.
  const numbers = new Map<string, number[]>();
  const { number } = ctx.numbering;
  input.exhibits.forEach((e, i) => {
    const known = numbers.get(e.file) ?? [];
    if (!known.includes(number(i))) numbers.set(e.file, [...known, number(i)]);
  });
  const byFile = new Map(input.exhibits.map((e) => [e.file, e]));
  const sources = [...input.sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (compact) w.columns(2);
  for (const source of sources) {
    const use = describeUse(input, source, numbers, byFile.get(source.file), compact);
    if (compact) writeCompactSource(w, ctx, source, use);
    else {
      // Two lines a file (more when its name or use is long): what it is in the packet, and its hash.
      w.paragraph(`${source.file} — ${source.bytes.toLocaleString('en-US')} bytes · ${use}`, { after: 0 });
      w.paragraph(`SHA-256 ${source.sha256}`, { face: 'mono', size: 10, indent: 12, after: 3 });
    }
  }
  return w.pages;
}

/**
 * A file in a column: its path (folders left out when it would not fit a line; the name is
 * never cut), size and use, then the whole hash, in two halves when the column is narrower.
 */
function writeCompactSource(w: FlowWriter, ctx: PlanContext, source: SourceFile, use: string): void {
  const size = `${source.bytes.toLocaleString('en-US')} bytes`;
  const fits = (text: string) => ctx.fonts.measure(`${text} — ${size}`, COMPACT_TEXT, 'regular') <= w.contentWidth;
  const segments = source.file.split('/');
  const path = fits(source.file) || segments.length < 3 ? source.file : `${segments[0]}/…/${segments[segments.length - 1]}`;
  w.paragraph(`${path} — ${size}`, { size: COMPACT_TEXT, after: 0 });
  w.paragraph(use, { size: COMPACT_TEXT, indent: 8, after: 0 });
  const hash = source.sha256;
  const whole = ctx.fonts.measure(hash, COMPACT_HASH, 'mono') <= w.contentWidth - 8;
  w.paragraph(whole ? hash : `${hash.slice(0, hash.length / 2)}\n${hash.slice(hash.length / 2)}`, { face: 'mono', size: COMPACT_HASH, indent: 8, after: 3 });
}

/**
 * What a source file is in the packet: the exhibits it gives and where their dates come from,
 * or why it is left out. `short` leaves out what the exhibit pages and the report say already
 * (the time as the source wrote it and how its zone was known, the message an attachment came with).
 */
function describeUse(input: PacketInput, source: SourceFile, numbers: ReadonlyMap<string, number[]>, exhibit: Exhibit | undefined, short: boolean): string {
  const exhibitsText = (list: number[]) => `Exhibit${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  const list = numbers.get(source.file);
  if (source.partOf) {
    const parent = numbers.get(source.partOf);
    return `part of the export ${source.partOf}${parent ? ` (${exhibitsText(parent)})` : ''}`;
  }
  // Short: how a date's zone was known is left to the exhibit's caption, which says it.
  const origin = (date: Exhibit['date']) => (short ? describeDateOrigin(date) : describeDateSource(date, input.info.timezone));
  if (list && exhibit?.kind === 'chat') {
    const messages = input.exhibits.filter((e) => e.file === source.file).reduce((n, e) => n + (e.kind === 'chat' ? e.messages.length : 0), 0);
    if (short) return `${exhibitsText(list)} · ${exhibit.format}, ${messages} of ${exhibit.totalMessages} messages, times ${origin(exhibit.date)}`;
    return `${exhibitsText(list)} · ${exhibit.format} export, ${messages} of its ${exhibit.totalMessages} messages shown; each message's time ${origin(exhibit.date)}`;
  }
  if (list && exhibit) {
    const inside = source.archive
      ? `read from ${source.archive.file} · `
      : source.attachment
        ? short
          ? `attachment in ${source.attachment.of} · `
          : `attachment of message ${source.attachment.message} in ${source.attachment.of} · `
        : '';
    return `${inside}${exhibitsText(list)} · date ${origin(exhibit.date)}${short ? '' : `: ${exhibit.date.text}`}`;
  }
  const reasons = input.findings.filter((f) => f.file === source.file && f.severity !== 'info').map((f) => f.code);
  return `not included${reasons.length ? ` (${[...new Set(reasons)].join(', ')})` : ''}`;
}
