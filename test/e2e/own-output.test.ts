import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase } from '../helpers/temp-case.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('our own packets and reports are not evidence (issue 36, point 2)', () => {
  it('build with no -o, run inside the case, writes beside the case folder', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const r = await runCli(['build', '.', '--no-ocr'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote ../case-packet.pdf');
    expect(await exists(join(dir, 'packet.pdf'))).toBe(false);
    expect((await readFile(join(dir, '..', 'case-packet.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a packet and a report written into the case earlier are skipped with a finding, in the folder and below', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    expect((await runCli(['build', '.', '--no-ocr', '-o', 'packet.pdf', '--report', 'report.json'], { cwd: dir })).code).toBe(0);
    await mkdir(join(dir, 'sent'));
    await writeFile(join(dir, 'sent', 'final.pdf'), await readFile(join(dir, 'packet.pdf')));
    await writeFile(join(dir, 'sent', 'final.json'), await readFile(join(dir, 'report.json')));
    const r = await runCli(['check', '.', '--no-ocr', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { exhibits: { file: string }[]; findings: { code: string; file?: string }[] };
    expect(json.exhibits.map((e) => e.file)).not.toEqual(expect.arrayContaining([expect.stringMatching(/packet|final|report/)]));
    expect(json.exhibits).toHaveLength(4);
    const skipped = json.findings
      .filter((f) => f.code === 'ITEM_OWN_OUTPUT_SKIPPED')
      .map((f) => f.file)
      .sort();
    expect(skipped).toEqual(['packet.pdf', 'report.json', 'sent/final.json', 'sent/final.pdf']);
  });
});
