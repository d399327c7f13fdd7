// Hostile input benchmark (part of npm run bench, BENCH_ONLY=hostile): the 1 GB zip bomb, the
// 5 MB line and a 200 MB export, each checked and built by the CLI in a process of its own.
// Issue #23's target: each ends within 10 s and 500 MB of peak RSS (scripts/bench-cli.mjs measures).
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBadCase } from './make-bad-fixtures.mjs';
import { writeExport } from './bench-chat.mjs';
import { cli } from './bench-cli.mjs';
import { benchHostileRound3 } from './bench-hostile-round3.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench', 'hostile');

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
  await benchHostileRound3();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostile();
