// Batch benchmark (part of npm run bench): 50 small cases (three screenshots and a short
// WhatsApp chat each) built by `evidence-packet batch` with 1 and with 2 workers; prints
// cases per minute for each, so the gain from parallel workers is measured, not assumed.
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench', 'batch');
const CASES = 50;

async function screenshot(text, width, height) {
  const lines = Array.from(
    { length: 12 },
    (_, i) => `<text x="24" y="${60 + i * 40}" font-size="22" font-family="DejaVu Sans">${text} · line ${i + 1} · 10:${String(10 + i).padStart(2, '0')}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f6f8"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function makeCases(dir) {
  await rm(dir, { recursive: true, force: true });
  const shots = await Promise.all([0, 1, 2].map((i) => screenshot(`Message ${i}`, 1170, 1400)));
  for (let n = 0; n < CASES; n++) {
    const caseDir = join(dir, `client-${String(n).padStart(2, '0')}`);
    await mkdir(join(caseDir, 'screenshots'), { recursive: true });
    await writeFile(
      join(caseDir, 'case.yaml'),
      `case: dp_${1000 + n}\nprofile: stripe\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana${n}@example.com }\nitems:\n  - { file: whatsapp.txt, dateOrder: dmy }\n`,
    );
    for (let i = 0; i < 3; i++) await writeFile(join(caseDir, 'screenshots', `Screenshot_2024030${i + 1}-1${i}1208.png`), shots[i]);
    const chat = Array.from(
      { length: 40 },
      (_, i) => `0${1 + (i % 3)}/03/2024, 1${i % 10}:${String(i).padStart(2, '0')} - ${i % 2 ? 'Dana Client' : 'Sam Seller'}: message ${i} about the order`,
    ).join('\n');
    await writeFile(join(caseDir, 'whatsapp.txt'), chat + '\n');
  }
}

function runBatch(casesDir, out, concurrency) {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [join(root, 'bin', 'evidence-packet.js'), 'batch', casesDir, '--out', out, '--concurrency', String(concurrency), '--force', '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(child.stdout);
  if (report.summary.built !== CASES) throw new Error(`batch built ${report.summary.built} of ${CASES}: ${child.stderr}`);
  return { seconds, perMinute: (CASES / seconds) * 60 };
}

export async function benchBatch() {
  const casesDir = join(work, 'cases');
  await makeCases(casesDir);
  const one = runBatch(casesDir, join(work, 'out-1'), 1);
  console.log(`batch: ${CASES} small cases, 1 worker:  ${one.seconds.toFixed(1)} s, ${one.perMinute.toFixed(0)} cases/min`);
  const two = runBatch(casesDir, join(work, 'out-2'), 2);
  console.log(
    `batch: ${CASES} small cases, 2 workers: ${two.seconds.toFixed(1)} s, ${two.perMinute.toFixed(0)} cases/min (${(one.seconds / two.seconds).toFixed(2)}× faster)`,
  );
}
