import { writeMarkdown } from './markdown.js';
import { withTextLayer } from './text-layer.js';
import { dateFactFromEpoch, formatDateFact } from '../evidence/dates.js';
import { formatDueDate } from '../evidence/due-date.js';
import { findProfile } from '../budget/profiles.js';
import { clientLine, describeDateSource, exhibitEndDate, exhibitKindLabel, formatAmount, formatExhibitDate, humanizeReason } from '../evidence/describe.js';
import type { FontSet } from './fonts.js';
import { BODY_SIZE, FlowWriter, type PlannedPage } from './layout.js';
import { ExhibitPageFlow } from './exhibit-pages.js';
import type { Exhibit, SourceFile } from '../evidence/model.js';
import { exhibitNumbering, type PacketInput, type PacketPlan } from './packet-input.js';

/** Lays out every page before anything is drawn, so the index can name true page numbers. */
export function planPacket(fonts: FontSet, input: PacketInput): PacketPlan {
  // The index names true page numbers, so the front matter is laid out twice: first to count its pages.
  const firstExhibitPage = planFront(fonts, input, input.exhibits.map(() => 0)).length + 1;
  const flow = new ExhibitPageFlow(fonts, input, firstExhibitPage);
  for (let i = 0; i < input.exhibits.length; i = flow.add(i));
  const front = planFront(fonts, input, flow.startPages);
  const appendix = planAppendix(fonts, input);
  return { pages: [...front, ...withBookmarks(input, flow.pages), ...appendix], placements: withTextLayer(input, flow.placements), focus: flow.focus, exhibitStartPages: flow.startPages, exhibitEndPages: flow.endPages };
}

/** The cover, then the index of exhibits, on as few pages as their text needs. */
function planFront(fonts: FontSet, input: PacketInput, startPages: readonly number[]): PlannedPage[] {
  const w = new FlowWriter(fonts, input.paper, 'cover', 'Cover');
  writeCover(w, input);
  w.section('index', 'Index of exhibits');
  writeIndex(w, input, startPages);
  return w.pages;
}

function writeCover(w: FlowWriter, input: PacketInput): void {
  const { info, exhibits } = input;
  w.heading(`Chargeback evidence — case ${info.id}`, 16);
  const profile = findProfile(info.profile);
  w.field('Case', info.id);
  w.field('Processor', `${profile?.label ?? info.profile}${info.network ? ` · network: ${info.network}` : ''}`);
  if (info.reason) w.field('Reason', humanizeReason(info.reason));
  const amount = formatAmount(info.amount, info.currency);
  if (amount) w.field('Amount', amount);
  if (info.transaction?.id || info.transaction?.date) {
    w.field('Transaction', [info.transaction.id, info.transaction.date ? formatDateFact(info.transaction.date, info.timezone?.value) : undefined].filter(Boolean).join(' · '));
  }
  if (info.order) w.field('Order', info.order);
  if (info.ticket) w.field('Support ticket', info.ticket);
  if (info.due) {
    w.field('Response due', formatDueDate(info.due, info.timezone?.value));
  }
  w.field('Client', clientLine(info));
  if (info.client.aliases.length > 0) w.field('Also appears as', info.client.aliases.join(', '));
  if (info.merchant.name || info.merchant.email) {
    w.field('Merchant', [info.merchant.name, info.merchant.email ? `<${info.merchant.email}>` : undefined].filter(Boolean).join(' '));
  }
  const first = exhibits[0];
  const last = exhibits[exhibits.length - 1];
  const span = first && last ? `, ${formatExhibitDate(first, info)} to ${formatDateFact(exhibitEndDate(last), info.timezone?.value)}` : '';
  const part = input.part;
  if (part) {
    const { number } = exhibitNumbering(input);
    w.field('File', `${part.label ? `${part.label}: ` : ''}part ${part.number} of ${part.parts} of this packet`);
    w.field('Exhibits', `${part.numbers ? part.numbers.join(', ') : `${number(0)} to ${number(exhibits.length - 1)}`} of ${part.totalExhibits} in this file${span}`);
    const others = part.files.filter((_, k) => k !== part.number - 1).map((f) => `${f.first === f.last ? `exhibit ${f.first}` : f.numbers ? `exhibits ${f.numbers.join(', ')}` : `exhibits ${f.first} to ${f.last}`} in ${f.name}`);
    w.field('Other files', `${others.join('; ')}. Exhibit numbers are the same in every file.`);
  } else w.field('Exhibits', `${exhibits.length}${span}`);
  if (info.timezone) w.field('Times shown in', `${info.timezone.value}, each with its UTC offset`);
  w.field('Prepared', formatDateFact({ ...dateFactFromEpoch(input.generatedAtMs, '', 'manifest'), precision: 'minute' }, undefined));
  w.space(BODY_SIZE);
  if (input.letter) writeMarkdown(w, input.letter);
  else if (info.summary) {
    w.heading('Summary', 12);
    w.paragraph(info.summary);
  }
}

function writeIndex(w: FlowWriter, input: PacketInput, startPages: readonly number[]): void {
  w.heading('Index of exhibits', 14);
  w.paragraph(
    'Exhibits follow in time order. Each exhibit page starts with a caption giving the exhibit number, the date and time with its UTC offset and where that date comes from, the client’s name and email, and why the exhibit matters. The appendix lists every source file with its SHA-256 hash.',
  );
  const rest = w.contentWidth - (30 + 112 + 72 + 128 + 36);
  w.table(
    [
      { title: 'No.', width: 30 },
      { title: 'Date', width: 112 },
      { title: 'Kind', width: 72 },
      { title: 'Source file', width: 128 },
      { title: 'Note', width: rest },
      { title: 'Page', width: 36, align: 'right' },
    ],
    input.exhibits.map((exhibit, i) => [
      String(exhibitNumbering(input).number(i)),
      formatExhibitDate(exhibit, input.info),
      exhibitKindLabel(exhibit),
      exhibit.file,
      exhibit.note?.value ?? '',
      String(startPages[i] || ''),
    ]),
  );
}

function planAppendix(fonts: FontSet, input: PacketInput): PlannedPage[] {
  const w = new FlowWriter(fonts, input.paper, 'appendix', 'Appendix');
  w.heading('Appendix — source files', 14);
  const client = `The client’s name is from ${input.info.client.name?.source ?? 'nowhere (not given)'}, the email from ${input.info.client.email?.source ?? 'nowhere (not given)'}.`;
  w.paragraph(
    `Every file in the case folder, with its SHA-256 hash and size as read, and where each exhibit’s date came from. ${client} The files were read only; none was modified.`,
  );
  // A chat cut into excerpts is several exhibits; a zip's images and a folder's files belong to one.
  const numbers = new Map<string, number[]>();
  const { number } = exhibitNumbering(input);
  input.exhibits.forEach((e, i) => numbers.set(e.file, [...(numbers.get(e.file) ?? []), number(i)]));
  const byFile = new Map(input.exhibits.map((e) => [e.file, e]));
  const sources = [...input.sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const source of sources) {
    // Two lines a file (more when its name or use is long): what it is in the packet, and its hash.
    w.paragraph(`${source.file} — ${source.bytes.toLocaleString('en-US')} bytes · ${describeUse(input, source, numbers, byFile.get(source.file))}`, { after: 0 });
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
    const inside = source.archive ? `read from ${source.archive.file} · ` : source.attachment ? `attachment of message ${source.attachment.message} in ${source.attachment.of} · ` : '';
    return `${inside}${exhibitsText(list)} · date ${describeDateSource(exhibit.date, input.info.timezone)}: ${exhibit.date.text}`;
  }
  const reasons = input.findings.filter((f) => f.file === source.file && f.severity !== 'info').map((f) => f.code);
  return `not included${reasons.length ? ` (${[...new Set(reasons)].join(', ')})` : ''}`;
}

/** Bookmarks longer than this are cut: a viewer's outline pane is narrow. */
const BOOKMARK_LENGTH = 120;

/**
 * Each exhibit page's bookmark: its number, date and note (or what it is), so the outline
 * reads as the case's time line — "Exhibit 3 · 2024-03-14 10:22 · Client approves the theme".
 */
function withBookmarks(input: PacketInput, pages: readonly PlannedPage[]): PlannedPage[] {
  const { number } = exhibitNumbering(input);
  return pages.map((page) => {
    if (page.kind !== 'exhibit' || page.exhibit === undefined) return page;
    const exhibit = input.exhibits[page.exhibit];
    if (!exhibit) return page;
    const date = formatExhibitDate(exhibit, input.info).slice(0, 16);
    const what = exhibit.note?.value ?? `${exhibitKindLabel(exhibit)} · ${exhibit.file}`;
    const text = `${page.label.startsWith('Exhibits') ? page.label : `Exhibit ${number(page.exhibit)}`} · ${date} · ${what.replace(/\s+/g, ' ')}`;
    return { ...page, bookmark: text.length > BOOKMARK_LENGTH ? `${text.slice(0, BOOKMARK_LENGTH - 1)}…` : text };
  });
}
