import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editCase, evidenceOnly, initYes } from '../helpers/edit-case.js';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const FIRST_NIGHT = join(FIXTURES, 'cases', 'first-night');

describe('the smaller ones (issue 36, point 10)', () => {
  it('warns when the case zone agrees with none of the offsets the exports carry', async () => {
    const dir = await editCase(FIRST_NIGHT, (yaml) => yaml.replace('timezone: Europe/Berlin', 'timezone: America/New_York'));
    const r = await runCli(['check', dir, '--no-ocr', '--json']);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; file?: string; line?: number; args: Record<string, string> }[] }).findings;
    const conflict = findings.filter((f) => f.code === 'CASE_TIMEZONE_CONFLICT');
    expect(conflict).toEqual([
      expect.objectContaining({
        file: 'case.yaml',
        line: 8,
        args: expect.objectContaining({ zone: 'America/New_York', offsets: 'UTC+02:00', example: 'delivery.eml' }),
      }),
    ]);
    // With the zone the files agree with, nothing to say.
    const right = JSON.parse((await runCli(['check', FIRST_NIGHT, '--no-ocr', '--json'])).stdout) as { findings: { code: string }[] };
    expect(right.findings.map((f) => f.code)).not.toContain('CASE_TIMEZONE_CONFLICT');
  });

  it('the appendix and captions say the zone came from case.yaml, not that it was assumed', async () => {
    const out = join(await tempDir(), 'p.pdf');
    expect((await runCli(['build', FIRST_NIGHT, '-o', out, '--no-ocr'])).code).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    expect(text).toContain('zone from case.yaml: Europe/Berlin');
    expect(text).not.toContain('zone assumed');
  });

  it('init suggests the accepted form for an amount with its currency, a city for a zone, and a date in words', async () => {
    const dir = await evidenceOnly(FIRST_NIGHT);
    const r = await initYes(dir, ['--amount', '$1,850.00', '--tz', 'Berlin', '--due', '5 Oct 2026 10:31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"$1,850.00" is not an amount; write it as 1850.00');
    expect(r.stderr).toContain('"Berlin" is not an IANA time zone; write Europe/Berlin');
    expect(r.stderr).toContain('"5 Oct 2026 10:31" is not a date as case.yaml takes it; write it as 2026-10-05 10:31');
    // Written as suggested, init accepts them.
    const ok = await initYes(dir, ['--amount', '1850.00', '--tz', 'Europe/Berlin', '--due', '2026-10-05 10:31']);
    expect(ok.code).toBe(0);
  });
});
