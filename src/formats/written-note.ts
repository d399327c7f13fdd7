import type { Fact, Finding } from '../evidence/model.js';
import { maskCardNumbers } from '../chat/sensitive.js';
import { makeFinding } from '../rules/codes.js';
import { TEXT_LIMITS } from '../evidence/manifest-schema.js';
import type { ParseContext } from './types.js';

/**
 * An image's or a PDF's note: the item's `note` in case.yaml, else its sidecar
 * `<file>.note.txt`. A card number typed into it is masked like one in a chat, with a finding.
 */
export function writtenNote(ctx: ParseContext, findings: Finding[]): Fact<string> | undefined {
  const written = ctx.item?.note
    ? { value: ctx.item.note, source: 'case.yaml' }
    : ctx.sidecarNote
      ? { value: ctx.sidecarNote.text, source: ctx.sidecarNote.file }
      : undefined;
  if (!written) return undefined;
  const masked = maskCardNumbers(written.value);
  if (masked.masked.length > 0)
    findings.push(
      makeFinding('SENSITIVE_CARD_NUMBER', { file: ctx.source.file }, { where: `the note from ${written.source}`, last4: masked.masked.join(', ') }),
    );
  // A note in case.yaml was cut when the manifest was read; a sidecar is cut here.
  const limit = TEXT_LIMITS.note!;
  if (masked.text.length > limit) {
    findings.push(makeFinding('MANIFEST_TEXT_TOO_LONG', { file: written.source }, { key: 'note', length: masked.text.length, limit }));
    return { ...written, value: `${masked.text.slice(0, limit - 1)}…` };
  }
  return { ...written, value: masked.text };
}
