import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editCase, evidenceOnly, initYes } from '../helpers/edit-case.js';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

/** Today's calendar date in a zone where it is not close to midnight now (London and Tokyo are 8–9 h apart). */
function todayAwayFromMidnight(): { zone: string; today: string; yesterday: string } {
  for (const zone of ['Europe/London', 'Asia/Tokyo']) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date());
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    const hour = Number(get('hour'));
    if (hour < 1 || hour > 21) continue;
    const today = `${get('year')}-${get('month')}-${get('day')}`;
    const y = new Date(`${today}T12:00:00Z`);
    y.setUTCDate(y.getUTCDate() - 1);
    return { zone, today, yesterday: y.toISOString().slice(0, 10) };
  }
  throw new Error('unreachable: one of the two zones is always away from midnight');
}

const caseDueOn = (due: string, zone: string): Promise<string> =>
  editCase(SAMPLE_CASE, (yaml) => yaml.replace('timezone: Europe/London', `timezone: ${zone}\ndue: ${due}`));

describe('a date-only deadline (issue 36, point 1)', () => {
  it('means the end of the due day in the case zone: on that day build writes the packet and the cover shows the date once', async () => {
    const { zone, today } = todayAwayFromMidnight();
    const dir = await caseDueOn(today, zone);
    const out = join(await tempDir(), 'p.pdf');
    const built = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(built.stdout + built.stderr).not.toContain('DEADLINE_PASSED');
    expect(built.stdout + built.stderr).toContain('DEADLINE_SOON');
    expect(built.code).toBe(0);
    const cover = (await readPdf(out)).pages[0]!;
    expect(cover).toContain(`Response due ${today}, end of day (${zone})`);
    expect(cover.split('end of day').length - 1).toBe(1);
    expect(cover).not.toContain('date only');
  });

  it('warns once the deadline has passed but still writes the packet; only --strict fails', async () => {
    const { zone, yesterday } = todayAwayFromMidnight();
    const dir = await caseDueOn(yesterday, zone);
    const out = join(await tempDir(), 'p.pdf');
    const built = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(built.code).toBe(0);
    expect(built.stdout + built.stderr).toMatch(/warning DEADLINE_PASSED/);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
    const strict = await runCli(['check', dir, '--strict', '--no-ocr']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('DEADLINE_PASSED');
  });

  it('init says what a deadline without a time means', async () => {
    const r = await initYes(await evidenceOnly(), ['--due', '2026-12-06', '--tz', 'Europe/Berlin']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The deadline 2026-12-06 has no time: read as the end of that day (23:59:59 Europe/Berlin)');
  });
});
