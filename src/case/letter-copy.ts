import { readFile } from 'node:fs/promises';
import { builtInTemplatePath } from '../letter/index.js';
import { InternalError, UsageError } from '../errors.js';
import { parseManifest } from './load-manifest.js';

const HEADER =
  '{{! The cover letter of this case, in Markdown: edit it freely. Names in double braces are filled from case.yaml when the packet is built; `evidence-packet check` names any it cannot fill. This line is not printed. }}\n';

/** The built-in letter for a dispute reason (the general one without a reason), to copy into a case. */
export async function builtInLetter(reason: string | undefined): Promise<{ text: string; name: string }> {
  const path = builtInTemplatePath(reason);
  return { text: HEADER + (await readFile(path, 'utf8')), name: `${reason ?? 'general'}.md` };
}

/**
 * case.yaml's text with `template:` naming `file`, every other line and comment kept. When it
 * names a template already, `already` says which and the text is unchanged.
 */
export function withTemplate(manifestName: string, text: string, file: string): { text: string; already?: string; reason?: string } {
  const parsed = parseManifest(manifestName, text);
  // A file that does not read at all gets no line added: the user fixes it first.
  if (!parsed.manifest) {
    throw new UsageError('INIT_MANIFEST_INVALID', `${manifestName} does not read (${parsed.findings.map((f) => f.code).join(', ')}): no letter added`, {
      hint: `Run \`evidence-packet check\` for what is wrong in ${manifestName}, fix it, then run init --template again.`,
    });
  }
  const reason = parsed.manifest.reason;
  const current = parsed.manifest.template;
  if (current) return { text, already: current, ...(reason ? { reason } : {}) };
  let out: string;
  if (manifestName.endsWith('.json')) out = JSON.stringify({ ...(JSON.parse(text) as object), template: file }, null, 2) + '\n';
  // One line added at the end: the user's own layout and comments stay exactly as they were.
  else out = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}template: ${file}\n`;
  // What is written, check must read as before, with the template.
  if (parseManifest(manifestName, out).manifest?.template !== file)
    throw new InternalError(`adding template: to ${manifestName} did not read back`, { hint: `Add \`template: ${file}\` to ${manifestName} by hand.` });
  return { text: out, ...(reason ? { reason } : {}) };
}
