#!/usr/bin/env node
// Writes fixtures/hostile/: a case folder per hostile input of issue #37 — card numbers in a
// PDF's bytes (form fields, comments, shared resources, metadata, a number wrapped over two
// rows), a page script, a page tree that contains itself, look-alike senders, control
// characters for the terminal and CI, stored zips, an unreadable attachment, a flate bomb.
// Our own content, deterministic. Cases that need a special file (a FIFO, a device link, a
// control character in a name) or hundreds of megabytes are written only to a temporary
// folder by the tests and the bench (writeHostileCase), never committed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cyclicTreePdf, formPdf, sharedResourcesPdf, wrappedPanPdf } from './hostile-pdfs.mjs';
import { caseYaml, HOSTILE_PANS, HOSTILE_TEXT_CASES, TEMP_ONLY_HOSTILE } from './hostile-cases.mjs';
import { ROUND4_CASES, ROUND4_PIPES } from './hostile-round4.mjs';

export { HOSTILE_PANS };

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');

/** Each committed case: its files. */
export const HOSTILE_CASES = {
  'pdf-form-pan': async (dir) => {
    await writeFile(join(dir, 'order-form.pdf'), await formPdf(HOSTILE_PANS[0], '6011 1111 1111 1117'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('pdf_form_pan'));
  },
  'pdf-shared-resources': async (dir) => {
    await writeFile(join(dir, 'delivery.pdf'), await sharedResourcesPdf(HOSTILE_PANS[2]));
    await writeFile(join(dir, 'case.yaml'), caseYaml('pdf_shared', 'items:\n  - file: delivery.pdf\n    pages: [1]\n'));
  },
  'pdf-wrapped-pan': async (dir) => {
    await writeFile(join(dir, 'invoice.pdf'), await wrappedPanPdf('5555 5555', '5555 4444'));
    await writeFile(join(dir, 'case.yaml'), caseYaml('pdf_wrapped'));
  },
  'pdf-cyclic-tree': async (dir) => {
    await writeFile(join(dir, 'receipt.pdf'), await cyclicTreePdf());
    await writeFile(join(dir, 'case.yaml'), caseYaml('pdf_cyclic'));
  },
  ...HOSTILE_TEXT_CASES,
  ...ROUND4_CASES,
};

/** Writes one case into `dir` (made empty first). */
export async function writeHostileCase(name, dir) {
  const make = HOSTILE_CASES[name] ?? TEMP_ONLY_HOSTILE[name] ?? ROUND4_PIPES[name];
  if (!make) throw new Error(`no hostile case ${name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await make(dir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of Object.keys(HOSTILE_CASES)) {
    await writeHostileCase(name, join(root, name));
    console.log(`fixtures/hostile/${name}`);
  }
}
