// Hostile input, round 3 (issue #37; part of BENCH_ONLY=hostile): each large case of
// scripts/hostile-big.mjs checked and built by the CLI in a process of its own, with wall time
// and peak RSS. The target: each ends (with a finding, or a packet) within 15 s and 500 MB.
// `node scripts/bench-hostile-round3.mjs [name…]` runs this part alone.
import { rm, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIG_CASES, writeBigCase } from './hostile-big.mjs';
import { ROUND4_CASES, ROUND4_PIPES } from './hostile-round4.mjs';

/** Round 4's cases too: each ends in a finding (or a packet) within the same bounds. */
const ROUND4 = { ...ROUND4_CASES, ...ROUND4_PIPES };
const ALL = [...Object.keys(BIG_CASES), ...Object.keys(ROUND4)];

async function writeCase(name, dir) {
  if (!ROUND4[name]) return writeBigCase(name, dir);
  await mkdir(dir, { recursive: true });
  await ROUND4[name](dir);
}
import { cli } from './bench-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench', 'hostile-round3');

export async function benchHostileRound3(names = ALL) {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  for (const name of names) {
    const dir = join(work, name);
    await writeCase(name, dir);
    for (const command of ['check', 'build']) {
      const args = command === 'check' ? ['check', dir, '--json'] : ['build', dir, '-o', join(work, `${name}.pdf`)];
      // A cache of its own, empty for the check: a fact cached by an earlier run would hide the cost measured.
      const r = cli([...args, '--cache-dir', join(work, `${name}.cache`)]);
      const rss = r.rssMiB === undefined ? 'peak RSS not read (no /usr/bin/time)' : `peak RSS ${r.rssMiB.toFixed(0)} MiB`;
      const ok = r.seconds <= 15 && (r.rssMiB === undefined || r.rssMiB <= 500) ? 'within' : 'OVER';
      const codes = command === 'check' ? findingCodes(r.stdout) : '';
      const cpu = r.cpuSeconds === undefined ? '' : ` (${r.cpuSeconds.toFixed(2)} s of CPU)`;
      console.log(`hostile round 3: ${name}, ${command}: ${r.seconds.toFixed(2)} s${cpu}, ${rss}, exit ${r.code} (${ok} 15 s and 500 MB)${codes}`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await rm(work, { recursive: true, force: true });
}

/** The codes of the errors and warnings `check --json` printed, to see each case ends in a finding. */
function findingCodes(stdout) {
  try {
    const codes = JSON.parse(stdout)
      .findings.filter((f) => f.severity !== 'info')
      .map((f) => f.code);
    return codes.length > 0 ? `; ${[...new Set(codes)].join(', ')}` : '; no finding';
  } catch {
    return '; no JSON';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostileRound3(process.argv.length > 2 ? process.argv.slice(2) : undefined);
