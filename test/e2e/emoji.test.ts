import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

describe('emoji the fonts cannot draw (issue 36, point 8)', () => {
  it('print as their names in brackets, never as a box', async () => {
    const out = join(await tempDir(), 'p.pdf');
    const built = await runCli(['build', join(FIXTURES, 'cases', 'first-night'), '-o', out, '--no-ocr']);
    expect(built.code).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    expect(text).toContain('Approved [white check mark] works on my phone too [thumbsup]');
    expect(text).not.toContain('□');
  });
});
