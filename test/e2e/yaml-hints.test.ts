import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

interface JsonFinding {
  code: string;
  file?: string;
  hint: string;
  args: { at?: string; snippet?: string };
}

async function findings(dir: string): Promise<JsonFinding[]> {
  const r = await runCli(['check', dir, '--no-ocr', '--json']);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

/** What a user does with the hint: paste its YAML lines where it says. */
async function applyHint(dir: string, f: JsonFinding): Promise<void> {
  const path = join(dir, 'case.yaml');
  const text = (await readFile(path, 'utf8').catch(() => '')).replace(/\n+$/, '');
  const lines = text === '' ? [] : text.split('\n');
  const [where, ...snippet] = f.hint.split('\n');
  expect(where, f.hint).toMatch(/add to case\.yaml (after line \d+|at the top):$/i);
  const after = where!.includes('at the top') ? 0 : Number(/after line (\d+)/.exec(where!)![1]);
  lines.splice(after, 0, ...snippet);
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** A PDF without metadata dates whose text carries the date: dated from its text, with a warning. */
async function pdfDatedInText(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  page.drawText('Invoice INV-0077    Date: 2024-03-06', { x: 72, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** Adds the undated screenshot, the ambiguous chat and the PDF dated in its text to a case. */
async function addUndatedFiles(dir: string): Promise<void> {
  await writeFile(join(dir, 'undated capture.png'), await makePng(400, 120, 'order confirmed'));
  await writeFile(join(dir, 'chat.txt'), '[01/02/2024, 10:00:00] Jane Doe: hello\n[02/03/2024, 11:00:00] Sam: the files are ready\n');
  await writeFile(join(dir, 'invoice.pdf'), await pdfDatedInText());
}

const HINT_CODES = ['ITEM_DATE_MISSING', 'ITEM_DATE_AMBIGUOUS', 'ITEM_DATE_FROM_TEXT'];

async function applyAllAndCheck(dir: string): Promise<void> {
  let current = await findings(dir);
  const withYaml = current.filter((f) => f.args.snippet !== undefined);
  expect(withYaml.map((f) => `${f.code} ${f.file}`).sort()).toEqual([
    'ITEM_DATE_AMBIGUOUS chat.txt',
    'ITEM_DATE_FROM_TEXT invoice.pdf',
    'ITEM_DATE_MISSING undated capture.png',
  ]);
  // One at a time, as a user does: each paste moves the lines the next hint names, so the next
  // hint is read from the check after this paste (the folder is not changed in between).
  for (const code of HINT_CODES) {
    const f = current.find((x) => x.code === code)!;
    await applyHint(dir, f);
    expect(() => parse(readFileSync(join(dir, 'case.yaml'), 'utf8'))).not.toThrow();
    current = await findings(dir);
    expect(current.map((x) => x.code)).not.toContain('MANIFEST_SYNTAX');
    expect(current.filter((x) => x.code === code && x.file === f.file)).toEqual([]);
  }
}

const CASE_YAML = `# A small case of our own: one dated capture, and an items list.
case: dp_hints
timezone: Europe/London
client:
  name: Jane Doe
  email: jane.doe@example.com
items:
  - file: Screenshot_20240305-100000.png
    date: 2024-03-05T10:00:00Z
    note: The client orders the theme
`;

async function smallCase(yaml: string): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'Screenshot_20240305-100000.png'), await makePng(400, 120, 'Jane Doe: I order the theme'));
  await writeFile(join(dir, 'case.yaml'), yaml);
  await addUndatedFiles(dir);
  return dir;
}

describe('every hint that shows YAML, pasted where it says, parses and removes its finding (issue 36, point 5)', () => {
  it('in a case.yaml whose items list does not name the files', async () => {
    await applyAllAndCheck(await smallCase(CASE_YAML));
  });

  it('in a case.yaml that has an item for each file already (a note, no date)', async () => {
    const extra = ['undated capture.png', 'chat.txt', 'invoice.pdf'].map((f) => `  - file: "${f}"\n    note: Said by the client\n`).join('');
    await applyAllAndCheck(await smallCase(CASE_YAML.replace('items:\n', `items:\n${extra}`)));
  });

  it('in a case.yaml without items', async () => {
    await applyAllAndCheck(await smallCase(CASE_YAML.slice(0, CASE_YAML.indexOf('items:'))));
  });
});
