import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { hasScript, runInPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

const PHASES = /\b(reading|OCR|encoding|rendering) +[█░]+ \d+\/\d+/;

describe('progress', () => {
  it.skipIf(!hasScript)('draws a bar for each long phase of build and check on a terminal, and clears them before the results', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const build = await runInPty(['build', dir, '-o', join(dir, 'out.pdf')]).done();
    expect(build.code).toBe(0);
    for (const phase of ['reading', 'OCR', 'encoding', 'rendering']) expect(build.output).toMatch(new RegExp(`${phase} +[█░]+ \\d+/\\d+`));
    // The sample has 4 files beside case.yaml and 7 pages: each bar ends full.
    expect(build.output).toMatch(/reading +█+ 4\/4/);
    expect(build.output).toMatch(/rendering +█+ 7\/7 page 7/);
    expect(build.output).toContain('Wrote ');
    // A cold OCR cache, so check has something slow to show.
    const check = await runInPty(['check', dir], { cacheHome: await tempDir() }).done();
    expect(check.output).toMatch(/OCR +[█░]+ \d\/4/);
    // Machine-readable output on a terminal still gets no bars.
    const json = await runInPty(['check', dir, '--json']).done();
    expect(json.output).not.toMatch(PHASES);
    expect(JSON.parse(json.output.slice(json.output.indexOf('{')))).toHaveProperty('findings');
  });

  it('without a terminal (a pipe, a CI log) prints plain progress lines on stderr, no bars; none under --json or --quiet', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const build = await runCli(['build', dir, '-o', join(dir, 'out.pdf')]);
    expect(build.code).toBe(0);
    expect(build.stderr + build.stdout).not.toMatch(PHASES);
    expect(build.stderr).not.toContain('\u001b[');
    expect(build.stderr).toMatch(/^reading 1\/4 .+ \(\d+ s\)$/m);
    expect(build.stderr).toMatch(/^rendering \d+\/7/m);
    expect(build.stdout).not.toMatch(/^(reading|OCR|encoding|rendering) /m);
    for (const flag of ['--json', '--quiet']) expect((await runCli(['check', dir, flag])).stderr).not.toMatch(/^(reading|OCR) /m);
  });
});
