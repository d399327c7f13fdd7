import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const CASE = join(FIXTURES, 'cases', 'folder-exports');

interface Finding {
  code: string;
  file?: string;
}

/** Where each string is first found in the text from `from` on; -1 when it is not. */
const positions = (text: string, strings: readonly string[], from = 0) => strings.map((s) => text.indexOf(s, from));

describe('folder exports: imessage-exporter, DiscordChatExporter --media, signal-export with data.json', () => {
  it('builds one exhibit per export, each message in order, each image and PDF right after its message, the damaged ones said', async () => {
    const dir = await tempDir();
    await cp(CASE, dir, { recursive: true });
    const check = await runCli(['check', dir, '--json', '--no-ocr']);
    const findings = (JSON.parse(check.stdout) as { findings: Finding[] }).findings;
    const of = (code: string) =>
      findings
        .filter((f) => f.code === code)
        .map((f) => f.file)
        .sort();
    expect(of('ITEM_ATTACHMENT_UNREADABLE')).toEqual(['discord/', 'imessage/', 'signal/Dana Client/']);
    expect(of('CHAT_ATTACHMENT_OUTSIDE_EXPORT')).toEqual(['discord/', 'imessage/', 'signal/Dana Client/']);
    expect(findings.filter((f) => /ITEM_UNSUPPORTED|ITEM_DAMAGED|ITEM_UNREADABLE/.test(f.code))).toEqual([]);

    const out = join(await tempDir(), 'packet.pdf');
    const build = await runCli(['build', dir, '-o', out, '--no-ocr'], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.code, build.stderr).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    for (const chat of [
      ['SENTINEL-DM1', 'SENTINEL-DM2', 'SENTINEL-DM3', 'SENTINEL-DM4'],
      ['SENTINEL-IF1', 'SENTINEL-IF2', 'SENTINEL-IF3', 'SENTINEL-IF4'],
      ['SENTINEL-SJ1', 'SENTINEL-SJ2', 'SENTINEL-SJ3', 'SENTINEL-SJ4'],
    ]) {
      const at = positions(text, chat);
      expect(at.filter((p) => p < 0)).toEqual([]);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    // Each file's own page (its caption names it) comes after its message and before the next message of that export.
    for (const [before, file, after] of [
      ['SENTINEL-DM1', 'preview-04852b721ed44cd2.png', 'SENTINEL-DM2'],
      ['SENTINEL-DM3', 'My%20Invoice-9ed780abf6ac6310.pdf', 'SENTINEL-DM4'],
      ['SENTINEL-IF1', '41.png', 'SENTINEL-IF2'],
      ['SENTINEL-IF3', '42.pdf', 'SENTINEL-IF4'],
      ['SENTINEL-SJ1', '2024-03-14T10-22-05.120_00_IMG_0042.png', 'SENTINEL-SJ2'],
    ] as const) {
      const message = text.indexOf(before);
      const shown = text.indexOf(file, message);
      expect(shown, `${file} after ${before}`).toBeGreaterThan(message);
      expect(shown, `${file} before ${after}`).toBeLessThan(text.indexOf(after));
    }
    // The PDFs' own pages are copied in.
    expect(text).toContain('INVOICE-PDF March 2024');
    // A damaged file is named in its message, never shown as an exhibit.
    expect(text).toContain('broken-1e88dcfc92d69a36.jpg');
    expect(text).not.toMatch(/broken-1e88dcfc92d69a36\.jpg \(shown as Exhibit/);
  });
});
