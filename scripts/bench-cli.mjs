// The CLI run once for a bench, in a process of its own, with wall time and peak RSS. Shared by
// bench-hostile.mjs and bench-hostile-round3.mjs (neither imports the other for it). Peak RSS is
// read with GNU time when it is installed (/usr/bin/time); MALLOC_ARENA_MAX is set, so the CLI
// does not start itself again and that figure is the whole run's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs the CLI once; wall seconds, peak RSS and CPU seconds (when GNU time is there), the exit code and stdout. */
export function cli(args) {
  const env = { ...process.env, MALLOC_ARENA_MAX: '2', NO_COLOR: '1' };
  const command = [join(root, 'bin', 'evidence-packet.js'), ...args, '--no-ocr'];
  const started = performance.now();
  const child = TIME
    ? spawnSync(TIME, ['-f', 'EP_MAXRSS_KB %M EP_CPU %U %S', process.execPath, ...command], { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 600_000 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const rss = /EP_MAXRSS_KB (\d+)/.exec(child.stderr ?? '');
  // CPU seconds (user + system, every thread): on a shared machine the wall time also counts waiting for a core.
  const cpu = /EP_CPU ([\d.]+) ([\d.]+)/.exec(child.stderr ?? '');
  return {
    seconds,
    rssMiB: rss ? Number(rss[1]) / 1024 : undefined,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined,
    code: child.status,
    stdout: child.stdout ?? '',
  };
}
