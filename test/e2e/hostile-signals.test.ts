import { spawn, spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileCase } from '../helpers/hostile.js';
import { BIN } from '../helpers/paths.js';
import { runCli, TEST_CACHE, TEST_CONFIG } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI as a user starts it: on Linux the launcher runs the work in a second process. */
function launch(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: TEST_CACHE, XDG_CONFIG_HOME: TEST_CONFIG };
  delete env.MALLOC_ARENA_MAX;
  return spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
}

describe('signals and names while writing', () => {
  it('a 250-byte -o name is written (the temporary name stays short)', async () => {
    const dir = await hostileCase('tiny-image');
    const out = join(await tempDir('ep-long-'), `${'p'.repeat(246)}.pdf`);
    const build = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(build.code, build.stderr).toBe(0);
    expect((await stat(out)).size).toBeGreaterThan(0);
  });

  it.skipIf(process.platform !== 'linux' || spawnSync('pgrep', ['--version']).status !== 0)(
    'SIGKILL to the CLI stops its worker, which writes no packet afterwards',
    async () => {
      const dir = await hostileCase('whatsapp-zip-stored');
      const outDir = await tempDir('ep-kill-');
      const child = launch(['build', dir, '-o', join(outDir, 'packet.pdf'), '--no-ocr']);
      let worker: number | undefined;
      for (let i = 0; i < 200 && worker === undefined; i++) {
        const found = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
        if (found) worker = Number(found.split('\n')[0]);
        else await sleep(50);
      }
      expect(worker).toBeDefined();
      child.kill('SIGKILL');
      for (let i = 0; i < 400 && alive(worker!); i++) await sleep(50);
      expect(alive(worker!)).toBe(false);
      expect(await readdir(outDir)).toEqual([]);
    },
  );

  it('SIGTERM while a build runs leaves no temporary file: a packet whole, or none', async () => {
    const dir = await hostileCase('whatsapp-zip-stored');
    for (const wait of [300, 900, 1500]) {
      const outDir = await tempDir('ep-term-');
      const child = launch(['build', dir, '-o', join(outDir, 'packet.pdf'), '--no-ocr']);
      await sleep(wait);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
      const left = await readdir(outDir);
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(left.every((f) => f === 'packet.pdf')).toBe(true);
    }
  });
});
