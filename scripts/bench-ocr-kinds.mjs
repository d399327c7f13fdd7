// OCR per kind of image (part of npm run bench, BENCH_ONLY=ocr): a grainy 12 MP phone photo of
// a page, the same at 48 MP, a 300 dpi scan, chat screenshots at 1x and 3x. Each is read cold
// by our engine (a child process per image, as check runs it: no cache) and by the native
// `tesseract` command when installed, one image at a time with one thread each; then all of
// them two at a time, both ways. Printed: times, their ratio, peak RSS, and recall (the share
// of the words drawn on the image that each reading gives back).
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LAUNCH_ENV, LAUNCH_V8_FLAGS } from '../bin/launch.js';
import { chatScreenshot, documentPhoto, recall, scanPage } from './bench-ocr-images.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const linux = process.platform === 'linux';
const timeTool = linux && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
const native = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;

/** Our engine over `files` (two at a time) in a child process: wall time from spawn to exit, its peak RSS and each image's text. */
async function ours(files) {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...(linux ? LAUNCH_V8_FLAGS : []), join(root, 'scripts', 'bench-ocr-run.mjs'), ...files], {
    env: { ...(linux ? LAUNCH_ENV : {}), ...process.env },
    maxBuffer: 1 << 26,
  });
  const report = JSON.parse(stdout.trim().split('\n').pop());
  return {
    seconds: (performance.now() - started) / 1000,
    startSeconds: report.startSeconds,
    maxRssMB: report.maxRssMB,
    texts: new Map(report.results.map((r) => [r.file, r])),
  };
}

/** Native tesseract on one image, one thread (OMP_THREAD_LIMIT=1), with its peak RSS when /usr/bin/time is there. */
async function tesseract(file) {
  const args = [file, '-', '--psm', '3'];
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const started = performance.now();
  const { stdout, stderr } = timeTool
    ? await run('/usr/bin/time', ['-f', 'maxrss=%M', 'tesseract', ...args], { env, maxBuffer: 1 << 26 })
    : await run('tesseract', args, { env, maxBuffer: 1 << 26 });
  const rss = /maxrss=(\d+)/.exec(stderr);
  return { seconds: (performance.now() - started) / 1000, text: stdout, ...(rss ? { maxRssMB: Number(rss[1]) / 1024 } : {}) };
}

/** Native tesseract over `files`, two at a time. */
async function tesseractPair(files) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < files.length) await tesseract(files[next++]);
  };
  await Promise.all([lane(), lane()]);
  return (performance.now() - started) / 1000;
}

export async function benchOcrKinds(work) {
  const dir = join(work, 'ocr-kinds');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const kinds = [
    ['grainy photo 12 MP', 'photo-12mp.jpg', () => documentPhoto(4032, 3024, 12, 40)],
    ['photo 48 MP', 'photo-48mp.jpg', () => documentPhoto(8064, 6048, 48, 24)],
    ['scan 300 dpi', 'scan.png', () => scanPage(3)],
    ['screenshot 1x', 'shot-1x.png', () => chatScreenshot(1, 5)],
    ['screenshot 3x', 'shot-3x.png', () => chatScreenshot(3, 6)],
  ];
  const images = [];
  for (const [name, file, make] of kinds) {
    const { data, tokens } = await make();
    await writeFile(join(dir, file), data);
    images.push({ name, path: join(dir, file), tokens });
  }
  if (!native) console.log('ocr by kind: native tesseract is not installed (apt-get install tesseract-ocr): only our figures are printed');
  console.log(
    `ocr by kind: cold, one image at a time; ours = our engine reading it in a child process (+ its start: process, model), native = tesseract --psm 3 with OMP_THREAD_LIMIT=1 (its start included)`,
  );
  console.log(
    `  ${'kind'.padEnd(20)} ${'ours s'.padStart(7)} ${'+start'.padStart(7)} ${'native s'.padStart(9)} ${'time ratio'.padStart(10)} ${'w/ start'.padStart(8)} ${'ours RSS'.padStart(9)} ${'native RSS'.padStart(10)} ${'RSS ratio'.padStart(9)} ${'recall ours'.padStart(11)} ${'recall native'.padStart(13)}`,
  );
  const pct = (v) => `${(v * 100).toFixed(1)} %`;
  for (const image of images) {
    const us = await ours([image.path]);
    const read = us.texts.get(image.path);
    const peer = native ? await tesseract(image.path) : undefined;
    const cells = [
      image.name.padEnd(20),
      read.seconds.toFixed(1).padStart(7),
      `+${(us.seconds - read.seconds).toFixed(1)}`.padStart(7),
      (peer ? peer.seconds.toFixed(1) : '—').padStart(9),
      (peer ? (read.seconds / peer.seconds).toFixed(2) : '—').padStart(10),
      (peer ? (us.seconds / peer.seconds).toFixed(2) : '—').padStart(8),
      `${us.maxRssMB.toFixed(0)} MiB`.padStart(9),
      (peer?.maxRssMB ? `${peer.maxRssMB.toFixed(0)} MiB` : '—').padStart(10),
      (peer?.maxRssMB ? (us.maxRssMB / peer.maxRssMB).toFixed(2) : '—').padStart(9),
      `${pct(recall(image.tokens, read.text))}${read.partial ? '*' : ''}`.padStart(11),
      (peer ? pct(recall(image.tokens, peer.text)) : '—').padStart(13),
    ];
    console.log(`  ${cells.join(' ')}`);
  }
  const all = images.map((i) => i.path);
  const together = await ours(all);
  const peerTogether = native ? await tesseractPair(all) : undefined;
  const ratio = peerTogether ? `, ratio ${(together.seconds / peerTogether).toFixed(2)}` : '';
  console.log(
    `  all ${images.length}, two at a time: ours ${together.seconds.toFixed(1)} s (peak RSS ${together.maxRssMB.toFixed(0)} MiB), native ${peerTogether ? `${peerTogether.toFixed(1)} s` : '—'}${ratio}  (* = OCR_PARTIAL: the reading budget stopped further readings)`,
  );
}
