import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { writeBigCase } from '../../scripts/hostile-big.mjs';
import { findings, hashes, runBoth, expectNothingWritten } from '../helpers/hostile.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const hasMkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;

async function special(name: string): Promise<string> {
  const dir = join(await tempDir('ep-special-'), name);
  await writeBigCase(name, dir);
  return dir;
}

// A named pipe with no writer would make a plain read wait for ever; a link to /dev/zero never ends.
describe.skipIf(!hasMkfifo)('special files where the tool reads its own (scripts/hostile-big.mjs)', () => {
  it.each([
    ['fifo-ignore', 'MANIFEST_NOT_A_FILE', 2],
    ['zero-ignore', 'ITEM_LINK_OUTSIDE_CASE', 1],
  ])('%s: .evidenceignore is not read, with a finding naming it', async (name, code, exit) => {
    const runs = await runBoth(await special(name));
    expect(runs.check.code).toBe(exit);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code, file: '.evidenceignore' }));
    expect(runs.build.code).toBe(exit);
    await expectNothingWritten(runs.out);
  });

  it.each(['fifo-manifest', 'zero-manifest'])('%s: case.yaml that is not a file is a file-system error (exit 3) naming it', async (name) => {
    const dir = await special(name);
    const check = await runCli(['check', dir, '--no-ocr']);
    expect(check.code).toBe(3);
    expect(check.stderr).toMatch(/MANIFEST_UNREADABLE.*case\.yaml.*(named pipe|device)/);
    expect(check.stderr).not.toMatch(/\n\s+at /);
  });

  it('a named pipe as the letter template is not read', async () => {
    const runs = await runBoth(await special('fifo-letter'));
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ path: 'template' }));
  });

  it('a named pipe among the evidence is skipped with ITEM_NOT_A_FILE; the rest is built', async () => {
    const dir = await special('fifo-evidence');
    const before = await hashes(dir);
    const runs = await runBoth(dir);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_NOT_A_FILE', file: 'chat.txt' }));
    expect(runs.build.code, runs.build.stderr).toBe(0);
    expect(await hashes(dir)).toEqual(before);
  });

  it('a named pipe as the user config is said and not used', async () => {
    const config = await tempDir('ep-config-');
    await mkdir(join(config, 'evidence-packet'));
    spawnSync('mkfifo', [join(config, 'evidence-packet', 'config.yaml')]);
    const dir = await special('fifo-evidence');
    const check = await runCli(['check', dir, '--no-ocr'], { env: { XDG_CONFIG_HOME: config } });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('is a named pipe, not a file; it is not used');
  });
});
