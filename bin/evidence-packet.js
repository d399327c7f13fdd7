#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { LAUNCH_ENV, LAUNCH_V8_FLAGS } from './launch.js';

// glibc gives each thread that allocates its own malloc arena, and the image threads leave
// about 100 MB freed but not returned in them (peak RSS on the 80-image bench: 395 MiB
// without a cap, ~300 MiB with two arenas; same speed). The cap is read when the process
// starts, so on Linux the CLI runs itself once more with it set, and with V8's heap started
// larger (see launch.js). Set MALLOC_ARENA_MAX yourself to choose another value, which also
// skips the extra process.
if (process.platform === 'linux' && process.env.MALLOC_ARENA_MAX === undefined) {
  // The IPC channel closes when this process dies, even by SIGKILL: the worker then stops too.
  const child = spawn(process.execPath, [...LAUNCH_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...LAUNCH_ENV },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of signals) process.on(signal, () => child.kill(signal));
  child.on('error', () => {
    // Could not start a second process: do the work here, without the cap.
    for (const signal of signals) process.removeAllListeners(signal);
    void run();
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 70);
  });
} else {
  await run();
}

async function run() {
  // Images are encoded two at a time, each on one libvips thread: a small thread pool
  // keeps fewer arenas alive too. libuv reads this when the pool first starts.
  process.env.UV_THREADPOOL_SIZE ??= String(Math.min(4, Math.max(2, availableParallelism())));
  const { main } = await import('../dist/cli/main.js');
  await main(process.argv);
}
