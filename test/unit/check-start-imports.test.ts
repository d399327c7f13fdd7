import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

/**
 * Packages a `check` of screenshots and PDFs never uses, which cost its start CPU when loaded
 * (htmlparser2 and its DOM ~50 ms): each is required where it is first used (html-libs.ts,
 * io/cjs.ts, the OCR engine), so none may be imported at the top of any module the CLI and a
 * check load before reading a file. Counted from the sources, so it holds on any machine.
 */
const LOADED_WHEN_USED = ['htmlparser2', 'domhandler', 'domutils', 'sax', 'pdf-lib', '@pdf-lib/fontkit', 'tesseract.js', 'exifr', 'html-to-text', 'yauzl'];

/** The modules and packages `entries` load before running anything: their static value imports, followed through the sources (`import type` is erased). */
function loadedAtStart(entries: readonly string[]): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      const typeOnly =
        (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly === true) || (ts.isExportDeclaration(statement) && statement.isTypeOnly);
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (typeOnly || !specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) visit(resolve(dirname(file), name.replace(/\.js$/, '.ts')));
      else if (!name.startsWith('node:')) packages.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
    }
  };
  for (const entry of entries) visit(entry);
  return { modules, packages };
}

describe('what a check loads before it reads a file', () => {
  // The CLI's entry, and the check pipeline its command imports when run.
  const { modules, packages } = loadedAtStart([join(REPO, 'src/cli/main.ts'), join(REPO, 'src/pipeline/check.ts')]);

  it('follows the sources (the walk reaches the format readers and the OCR engine)', () => {
    for (const file of ['src/formats/index.ts', 'src/formats/html-chat/dom.ts', 'src/formats/sms-backup/read-backup.ts', 'src/ocr/ocr-engine.ts'])
      expect(modules.has(join(REPO, file)), file).toBe(true);
    expect([...modules].every((m) => existsSync(m))).toBe(true);
    // What it must see: packages a check does load at its start.
    expect(packages).toContain('yaml');
    expect(packages).toContain('zod');
  });

  it('loads none of the packages only some files need', () => {
    expect(LOADED_WHEN_USED.filter((p) => packages.has(p))).toEqual([]);
  });
});
