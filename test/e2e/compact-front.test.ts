import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChatCase } from '../helpers/chat-case.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
const pageText = (pdf: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-']).toString('utf8');

/**
 * Issue 39, point 2, as a user meets it: 16 chat exports of about a page each and a cover
 * letter take 20 pages laid out roomy (the appendix 2 of them); under --max-pages 19 the
 * front matter and the appendix give pages back and the build succeeds.
 */
describe.skipIf(!hasPdftotext)('a build under a page limit the roomy layout breaks', () => {
  it('fits 19 pages with a compact front matter and a one-page appendix that lists every source', async () => {
    const dir = await tempDir('ep-compact-e2e-');
    const caseDir = join(dir, 'case');
    await mkdir(caseDir);
    await writeChatCase(caseDir, { chats: 16, messages: 12, seed: 39 });
    // Without a limit, the roomy layout: over 19 pages.
    const roomy = await runCli(['check', caseDir, '--no-ocr', '--json']);
    const roomyPages = (JSON.parse(roomy.stdout) as { predictedPages: number }).predictedPages;
    expect(roomyPages).toBeGreaterThan(19);

    const out = join(dir, 'packet.pdf');
    const built = await runCli(['build', caseDir, '-o', out, '--report', join(dir, 'report.json'), '--no-ocr', '--max-pages', '19']);
    expect(built.code, built.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      output: { pages: number };
      exhibits: { pages: { start: number } }[];
      sources: { file: string; sha256: string }[];
    };
    const pages = report.output.pages;
    expect(pages).toBeLessThanOrEqual(19);
    // Front matter on at most two pages: the first exhibit starts on page 3 at the latest.
    expect(report.exhibits[0]!.pages.start).toBeLessThanOrEqual(3);
    const cover = pageText(out, 1);
    expect(cover).toContain('Chargeback evidence');
    expect(cover).toContain('We ask that the dispute be decided in our favour');
    // The appendix is the last page, and only that one: every source, its whole hash as read.
    const appendix = pageText(out, pages);
    expect(appendix).toContain('Appendix — source files');
    expect(pageText(out, pages - 1)).not.toContain('Appendix — source files');
    expect(report.sources).toHaveLength(16);
    for (const source of report.sources) {
      const bytes = await readFile(join(caseDir, source.file));
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(source.sha256).toBe(sha);
      expect(appendix).toContain(source.file);
      expect(appendix).toContain(sha.slice(0, 32));
      expect(appendix).toContain(sha.slice(32));
    }
  }, 240_000);
});
