import { ChatCollector } from '../chat/collect.js';
import type { ChatExhibit, Exhibit, Finding } from '../evidence/model.js';
import { writtenNote } from './written-note.js';
import { makeFinding } from '../rules/codes.js';
import type { ParseContext, ParseResult } from './types.js';

export function newCollector(ctx: ParseContext): ChatCollector {
  return new ChatCollector({
    source: ctx.source,
    ...(ctx.item ? { item: ctx.item } : {}),
    ...(ctx.client ? { client: ctx.client } : {}),
    ...(ctx.timezone ? { timezone: ctx.timezone } : {}),
  });
}

/** Turns what a collector gathered into the adapter's result (with a sidecar note, if any). */
export function chatResult(
  ctx: ParseContext,
  collector: ChatCollector,
  format: string,
  title?: string,
  extra: { exhibits?: Exhibit[]; findings?: Finding[] } = {},
): ParseResult & { exhibit?: ChatExhibit } {
  const done = collector.finish(format, title);
  let exhibit = done.exhibit;
  const findings = [...done.findings, ...(extra.findings ?? [])];
  // A sidecar note, masked and cut like any (a note in case.yaml was, when the collector read it).
  const sidecar = exhibit && !exhibit.note && ctx.sidecarNote ? writtenNote({ ...ctx, item: undefined }, findings) : undefined;
  if (exhibit && sidecar) exhibit = { ...exhibit, note: sidecar };
  if (ctx.item?.date) findings.push(...ignored(ctx, 'date', 'chat export (each message has its own time)'));
  for (const key of ['highlight', 'redact', 'crop', 'trim', 'landscape', 'focus', 'pages'] as const) {
    if (ctx.item?.[key] !== undefined) findings.push(...ignored(ctx, key, 'chat export (it applies to images and PDFs)'));
  }
  return {
    exhibits: [...(exhibit ? [exhibit] : []), ...(extra.exhibits ?? [])],
    findings,
    ...(exhibit ? { exhibit } : {}),
    ...(done.clientEmail ? { clientEmail: { value: done.clientEmail, source: ctx.source.file } } : {}),
  };
}

function ignored(ctx: ParseContext, key: string, kind: string): Finding[] {
  return [makeFinding('MANIFEST_FIELD_IGNORED', { file: ctx.source.file, path: key }, { key, kind })];
}
