import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileCase } from '../helpers/hostile.js';
import { readPdf } from '../helpers/read-pdf.js';
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

/**
 * The CLI in one process (MALLOC_ARENA_MAX set: the launcher starts no worker), stopped with
 * SIGSTOP the moment a temporary file appears in `outDir`; `stopped` gives the child then, or
 * undefined when it ended first.
 */
function stopOnTemp(outDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: TEST_CACHE, XDG_CONFIG_HOME: TEST_CONFIG, MALLOC_ARENA_MAX: '2' };
  const watcher = watch(outDir);
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stopped = new Promise<ChildProcess | undefined>((resolve) => {
    watcher.on('change', (_event, name) => {
      if (!String(name).endsWith('.tmp')) return;
      child.kill('SIGSTOP');
      watcher.close();
      resolve(child);
    });
    void closed.then(() => {
      watcher.close();
      resolve(undefined);
    });
  });
  return { stopped, closed };
}

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

  // Deterministic: the writer is frozen (SIGSTOP) as soon as its temporary file appears; while
  // frozen, the file is looked for: when it is there, SIGTERM is certain to come while the
  // packet is being written. Runs that miss it (the file already renamed) are not counted.
  it.skipIf(process.platform !== 'linux')('SIGTERM while the packet is being written leaves no temporary file: a packet whole, or none', async (ctx) => {
    const dir = await hostileCase('whatsapp-zip-stored');
    let caught = 0;
    for (let run = 0; run < 20 && caught < 1; run++) {
      const outDir = await tempDir('ep-term-');
      const { stopped, closed } = stopOnTemp(outDir, ['build', dir, '-o', join(outDir, 'packet.pdf'), '--report', join(outDir, 'report.json'), '--no-ocr']);
      const child = await stopped;
      if (child) {
        if ((await readdir(outDir)).some((f) => f.endsWith('.tmp'))) caught++;
        child.kill('SIGTERM');
        child.kill('SIGCONT');
      }
      await closed;
      const left = await readdir(outDir);
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(left.every((f) => f === 'packet.pdf' || f === 'report.json')).toBe(true);
      if (left.includes('packet.pdf')) expect((await readPdf(join(outDir, 'packet.pdf'))).pageCount).toBeGreaterThan(0);
    }
    if (caught === 0) ctx.skip('the temporary file was renamed before the writer could be stopped, in every run');
  });
});
