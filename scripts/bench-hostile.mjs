// Hostile input benchmark (part of npm run bench, BENCH_ONLY=hostile): the 1 GB zip bomb, the
// 5 MB line and a 200 MB export, each checked and built by the CLI in a process of its own.
// Issue #23's target: each ends within 10 s and 500 MB of peak RSS. Peak RSS is read with
// GNU time when it is installed (/usr/bin/time); the CLI runs as one process (MALLOC_ARENA_MAX
// set, so it does not start itself again), so that figure is the whole run's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBadCase } from './make-bad-fixtures.mjs';
import { writeExport } from './bench-chat.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench', 'hostile');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs the CLI once; wall seconds, peak RSS (MiB, when GNU time is there), the exit code and stdout. */
export function cli(args) {
  const env = { ...process.env, MALLOC_ARENA_MAX: '2', NO_COLOR: '1' };
  const command = [join(root, 'bin', 'evidence-packet.js'), ...args, '--no-ocr'];
  const started = performance.now();
  const child = TIME
    ? spawnSync(TIME, ['-f', 'EP_MAXRSS_KB %M', process.execPath, ...command], { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 120_000 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  const rss = /EP_MAXRSS_KB (\d+)/.exec(child.stderr ?? '');
  return { seconds, rssMiB: rss ? Number(rss[1]) / 1024 : undefined, code: child.status, stdout: child.stdout ?? '' };
}

export async function benchHostile() {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const cases = [];
  for (const name of ['zip-bomb', 'long-line']) {
    const dir = join(work, name);
    await writeBadCase(name, dir);
    cases.push({ name: name === 'zip-bomb' ? '1.1 GB zip bomb' : '5 MB line', dir });
  }
  const big = join(work, 'export-200mb');
  await mkdir(big, { recursive: true });
  await writeExport(join(big, 'chat.txt'), 2_000_000, 'REFUND-REQUEST');
  await writeFile(
    join(big, 'case.yaml'),
    'case: big\ntimezone: UTC\nclient: {name: Dana Client, email: dana@example.com}\nitems:\n  - file: chat.txt\n    select: {match: [REFUND-REQUEST], context: 3}\n',
  );
  cases.push({ name: `${((await stat(join(big, 'chat.txt'))).size / 1e6).toFixed(0)} MB export`, dir: big });
  for (const { name, dir } of cases) {
    for (const command of ['check', 'build']) {
      const args = command === 'check' ? ['check', dir] : ['build', dir, '-o', join(work, `${name.replace(/\W+/g, '-')}.pdf`)];
      const r = cli(args);
      const rss = r.rssMiB === undefined ? 'peak RSS not read (no /usr/bin/time)' : `peak RSS ${r.rssMiB.toFixed(0)} MiB`;
      const ok = r.seconds <= 10 && (r.rssMiB === undefined || r.rssMiB <= 500) ? 'within' : 'OVER';
      console.log(`hostile: ${name}, ${command}: ${r.seconds.toFixed(2)} s, ${rss}, exit ${r.code} (${ok} 10 s and 500 MB)`);
    }
  }
  await rm(work, { recursive: true, force: true });
  const { benchHostileRound3 } = await import('./bench-hostile-round3.mjs');
  await benchHostileRound3();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostile();
