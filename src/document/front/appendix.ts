import type { PlanContext } from '../plan-context.js';
import { describeDateSource } from '../../evidence/describe.js';
import type { Exhibit, SourceFile } from '../../evidence/model.js';
import { FlowWriter } from '../text/flow-writer.js';
import type { PacketInput, PlannedPage } from '../types.js';

/** Every source file with its hash and size, what it is in the packet and where its dates came from. */
export function planAppendix(ctx: PlanContext): PlannedPage[] {
  const { input } = ctx;
  const w = new FlowWriter(ctx.fonts, input.paper, 'appendix', 'Appendix');
  w.heading('Appendix — source files', 14);
  const client = `The client’s name is from ${input.info.client.name?.source ?? 'nowhere (not given)'}, the email from ${input.info.client.email?.source ?? 'nowhere (not given)'}.`;
  w.paragraph(
    `Every file in the case folder, with its SHA-256 hash and size as read, and where each exhibit’s date came from. ${client} The files were read only; none was modified.`,
  );
  // A zip's images and a folder's files are several exhibits of one file; a chat's excerpts are one exhibit.
  const numbers = new Map<string, number[]>();
  const { number } = ctx.numbering;
  input.exhibits.forEach((e, i) => {
    const known = numbers.get(e.file) ?? [];
    if (!known.includes(number(i))) numbers.set(e.file, [...known, number(i)]);
  });
  const byFile = new Map(input.exhibits.map((e) => [e.file, e]));
  const sources = [...input.sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const source of sources) {
    // Two lines a file (more when its name or use is long): what it is in the packet, and its hash.
    w.paragraph(`${source.file} — ${source.bytes.toLocaleString('en-US')} bytes · ${describeUse(input, source, numbers, byFile.get(source.file))}`, {
      after: 0,
    });
    w.paragraph(`SHA-256 ${source.sha256}`, { face: 'mono', size: 10, indent: 12, after: 3 });
  }
  return w.pages;
}

/** What a source file is in the packet: the exhibits it gives and where their dates come from, or why it is left out. */
function describeUse(input: PacketInput, source: SourceFile, numbers: ReadonlyMap<string, number[]>, exhibit: Exhibit | undefined): string {
  const exhibitsText = (list: number[]) => `Exhibit${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  const list = numbers.get(source.file);
  if (source.partOf) {
    const parent = numbers.get(source.partOf);
    return `part of the export ${source.partOf}${parent ? ` (${exhibitsText(parent)})` : ''}`;
  }
  if (list && exhibit?.kind === 'chat') {
    const messages = input.exhibits.filter((e) => e.file === source.file).reduce((n, e) => n + (e.kind === 'chat' ? e.messages.length : 0), 0);
    return `${exhibitsText(list)} · ${exhibit.format} export, ${messages} of its ${exhibit.totalMessages} messages shown; each message's time ${describeDateSource(exhibit.date, input.info.timezone)}`;
  }
  if (list && exhibit) {
    const inside = source.archive
      ? `read from ${source.archive.file} · `
      : source.attachment
        ? `attachment of message ${source.attachment.message} in ${source.attachment.of} · `
        : '';
    return `${inside}${exhibitsText(list)} · date ${describeDateSource(exhibit.date, input.info.timezone)}: ${exhibit.date.text}`;
  }
  const reasons = input.findings.filter((f) => f.file === source.file && f.severity !== 'info').map((f) => f.code);
  return `not included${reasons.length ? ` (${[...new Set(reasons)].join(', ')})` : ''}`;
}
