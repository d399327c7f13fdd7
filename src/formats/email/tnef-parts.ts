import { htmlToText } from '../json-input.js';
import type { MailAttachment } from './mail-record.js';
import { rtfBodyText } from './rtf-body.js';
import { isTnef, readTnef, type TnefAttachment, type TnefMessage } from './tnef-read.js';

/**
 * An email's attachments with any winmail.dat (application/ms-tnef) opened: Outlook sends
 * through Exchange wrap the real files, and often the body itself, in one. Its files take
 * its place among the message's attachments; an attached message is named by its subject.
 * The TNEF body is the message's body when the MIME one is empty.
 */
export function openTnefParts(
  files: readonly { name: string; bytes: Buffer | undefined; type?: string; label?: string }[],
  label: string,
): { attachments: MailAttachment[]; body?: string; problems: string[] } {
  const attachments: MailAttachment[] = [];
  const problems: string[] = [];
  let body: string | undefined;
  for (const f of files) {
    const tnef = f.bytes && (isTnef(f.bytes) || /ms-tnef/i.test(f.type ?? '')) ? f.bytes : undefined;
    if (!tnef) {
      attachments.push({ name: f.name, ...(f.bytes ? { bytes: f.bytes } : {}), ...(f.label ? { label: f.label } : {}) });
      continue;
    }
    const message = readTnef(tnef);
    problems.push(...message.damage.map((d) => `${label}: its attachment "${f.name}" (TNEF): ${d}`));
    if (!isTnef(tnef)) {
      attachments.push({ name: f.name });
      continue;
    }
    attachments.push(...flattenTnefFiles(message.attachments));
    body ??= tnefBody(message, (detail) => problems.push(`${label}: the body in "${f.name}" ${detail}`));
  }
  return { attachments, ...(body ? { body } : {}), problems };
}

/**
 * The files of a TNEF message. An attached message is named by its subject; its own files
 * follow it when `nested` (where it is not shown as a message of its own).
 */
export function flattenTnefFiles(list: readonly TnefAttachment[], nested = true): MailAttachment[] {
  return list.flatMap((a): MailAttachment[] => {
    if (!a.message) return [a.bytes ? { name: a.name, bytes: a.bytes } : { name: a.name }];
    const named = { name: `${a.name}${a.message.subject && a.message.subject !== a.name ? ` (message: ${a.message.subject})` : ''}` };
    return nested ? [named, ...flattenTnefFiles(a.message.attachments)] : [named];
  });
}

/** A TNEF message's body as text: plain, else HTML, else its compressed RTF. */
export function tnefBody(message: TnefMessage, damaged: (detail: string) => void): string | undefined {
  if (message.body) return message.body;
  if (message.html) return htmlToText(message.html);
  if (message.rtfCompressed) {
    try {
      const text = rtfBodyText(message.rtfCompressed);
      if (text !== undefined) return text;
      damaged('is not RTF once decompressed');
    } catch (error) {
      damaged(`cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return undefined;
}
