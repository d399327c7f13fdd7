// Chat parsing benchmark (part of npm run bench): a 50 000-message WhatsApp export must parse
// in under 1 s; a 200 MB export is streamed with bounded memory. Each run is a child process,
// so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench', 'chat');

const SENDERS = ['Dana Client', 'Sam Seller'];
const WORDS = 'the files logo invoice sent received thanks please check delivery download link today tomorrow payment'.split(' ');

/** Writes an Android WhatsApp export of `count` messages (a 13th of them over two lines). */
export async function writeExport(path, count, keyword) {
  const out = createWriteStream(path);
  let t = Date.UTC(2023, 0, 1, 8, 0);
  for (let i = 0; i < count; i++) {
    t += 37_000 + (i % 7) * 11_000;
    const d = new Date(t);
    const dd = String(d.getUTCDate()).padStart(2, '0');
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(d.getUTCFullYear()).slice(2);
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mi = String(d.getUTCMinutes()).padStart(2, '0');
    const words = Array.from({ length: 6 + (i % 9) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(' ');
    const text = i % 13 === 0 ? `${words}\nsecond line ${i}` : i === Math.floor(count / 2) ? `${words} ${keyword}` : words;
    if (!out.write(`${dd}/${mm}/${yy}, ${hh}:${mi} - ${SENDERS[i % 2]}: ${text}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

function run(caseDir) {
  const child = spawnSync(process.execPath, [join(root, 'scripts', 'bench-chat-run.mjs'), caseDir], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`chat bench failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

export async function benchChat() {
  await rm(work, { recursive: true, force: true });
  const small = join(work, 'small');
  const large = join(work, 'large');
  await mkdir(small, { recursive: true });
  await mkdir(large, { recursive: true });
  const yaml = (select) => `case: bench\ntimezone: Europe/London\nclient: {name: Dana Client, email: dana@example.com}\nitems:\n  - file: chat.txt\n${select}`;

  await writeExport(join(small, 'chat.txt'), 50_000, 'REFUND-REQUEST');
  await writeFile(join(small, 'case.yaml'), yaml('    select: {from: 2023-01-10, to: 2023-01-12}\n'));
  const a = run(small);
  const smallMB = (await stat(join(small, 'chat.txt'))).size / 1e6;
  console.log(
    `chat: 50 000-message WhatsApp export (${smallMB.toFixed(1)} MB): parsed in ${(a.ms / 1000).toFixed(2)} s (target < 1 s), peak RSS ${a.maxRssMB.toFixed(0)} MB, ${a.messages} messages, ${a.kept} selected`,
  );

  await writeExport(join(large, 'chat.txt'), 2_000_000, 'REFUND-REQUEST');
  await writeFile(join(large, 'case.yaml'), yaml('    select: {match: [REFUND-REQUEST], context: 3}\n'));
  const b = run(large);
  const largeMB = (await stat(join(large, 'chat.txt'))).size / 1e6;
  console.log(
    `chat: ${largeMB.toFixed(0)} MB export, ${b.messages} messages, streamed: ${(b.ms / 1000).toFixed(1)} s, peak RSS ${b.maxRssMB.toFixed(0)} MB, ${b.kept} selected`,
  );
  await rm(work, { recursive: true, force: true });
  return { small: a, large: b };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChat();
