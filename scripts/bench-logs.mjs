// Access-log benchmark (BENCH_ONLY=logs): a generated nginx "combined" log of BENCH_LOG_MB
// (1024 by default) in a temp folder, read and filtered to one client's IP by the tool, beside
// `grep -F` of the same IP on the same file. Each run is a child process, so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLIENT = '203.0.113.7';
const AGENT = '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Writes `bytes` of combined-format lines; one line in 50 000 is the client's. */
export async function writeLog(path, bytes) {
  const out = createWriteStream(path);
  let written = 0;
  let t = Date.UTC(2024, 0, 1);
  let i = 0;
  while (written < bytes) {
    const lines = [];
    for (let k = 0; k < 4000; k++, i++) {
      t += 250;
      const d = new Date(t);
      const time = `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} +0000`;
      const ip = i % 50_000 === 7 ? CLIENT : `198.51.${(i >> 8) & 255}.${i & 255}`;
      lines.push(`${ip} - - [${time}] "GET /assets/page-${i % 997}.html?ref=${i} HTTP/1.1" 200 ${1000 + (i % 50_000)} "https://example.com/" ${AGENT}\n`);
    }
    const chunk = lines.join('');
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

/** Wall time and peak RSS of a command, by GNU time when installed. */
function timed(command, args) {
  const gnuTime = spawnSync('/usr/bin/time', ['--version'], { stdio: 'ignore' }).status === 0;
  const started = performance.now();
  const child = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  const rss = gnuTime ? Number(child.stderr.trim().split('\n').pop()) / 1024 : undefined;
  return { ms, rss, stdout: child.stdout };
}

export async function benchLogs() {
  const dir = await mkdtemp(join(tmpdir(), 'ep-bench-logs-'));
  try {
    const mb = Number(process.env.BENCH_LOG_MB ?? 1024);
    const log = join(dir, 'access.log');
    await writeLog(log, mb * 1024 * 1024);
    await writeFile(join(dir, 'case.yaml'), `case: bench\nclient: {name: Dana Client, email: dana@example.com}\naccess_log: { ip: [${CLIENT}] }\n`);
    const size = (await stat(log)).size;
    const ours = spawnSync(process.execPath, [join(root, 'scripts', 'bench-logs-run.mjs'), dir], { encoding: 'utf8' });
    if (ours.status !== 0) throw new Error(`logs bench failed: ${ours.stderr}`);
    const result = JSON.parse(ours.stdout.trim().split('\n').pop());
    const grep = timed('grep', ['-F', '-c', CLIENT, log]);
    const grepRss = grep.rss !== undefined ? `, peak RSS ${grep.rss.toFixed(0)} MB` : '';
    console.log(`logs: ${(size / 1e9).toFixed(2)} GB combined log, ${result.title}`);
    console.log(`  evidence-packet (hash + filter): ${(result.ms / 1000).toFixed(1)} s, peak RSS ${result.maxRssMB.toFixed(0)} MB`);
    console.log(`  grep -F -c on the same file:     ${(grep.ms / 1000).toFixed(1)} s${grepRss} (${grep.stdout.trim()} lines)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLogs();
