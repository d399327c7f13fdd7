// OCR per kind of image (part of npm run bench, BENCH_ONLY=ocr): a grainy 12 MP phone photo of
// a page, the same at 48 MP, a 12 MP photo of a parcel's label, a 300 dpi scan, chat
// screenshots at 1x and 3x. Each is read cold by our engine (a child process per image, as
// check runs it: no cache) and by the native `tesseract` command when installed, one image at
// a time with one thread each; then all of them two at a time, both ways. Printed: times,
// their ratio, peak RSS, and recall (the share of the words drawn on the image that each
// reading gives back).
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LAUNCH_ENV, LAUNCH_V8_FLAGS } from '../bin/launch.js';
import { chatScreenshot, documentPhoto, parcelPhoto, recall, scanPage } from './bench-ocr-images.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const linux = process.platform === 'linux';
const timeTool = linux && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
const native = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Our engine over `files` (two at a time) in a child process: wall time from spawn to exit, CPU
 * time (user + system, its tesseract children included), the peak RSS of its whole process
 * tree (the system tesseract's processes included) and each image's text. `bundled`: the
 * bundled engine only (EVIDENCE_PACKET_NATIVE_OCR=0), else the system tesseract when installed, as check does.
 */
async function ours(files, bundled) {
  const started = performance.now();
  const script = [...(linux ? LAUNCH_V8_FLAGS : []), join(root, 'scripts', 'bench-ocr-run.mjs'), ...files];
  const child = execFile(timeTool ? '/usr/bin/time' : process.execPath, timeTool ? ['-f', 'cpu=%U %S', process.execPath, ...script] : script, {
    env: { ...(linux ? LAUNCH_ENV : {}), ...process.env, ...(bundled ? { EVIDENCE_PACKET_NATIVE_OCR: '0' } : {}) },
    maxBuffer: 1 << 26,
  });
  const sampler = treeRss(child.pid);
  const [stdout, stderr] = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve([out, err]) : reject(new Error(`bench-ocr-run exited ${code}: ${err}`))));
  });
  const report = JSON.parse(stdout.trim().split('\n').pop());
  return {
    seconds: (performance.now() - started) / 1000,
    startSeconds: report.startSeconds,
    cpuSeconds: cpuOf(stderr),
    readCpu: report.readCpu,
    maxRssMB: Math.max(report.maxRssMB, sampler.stop()),
    texts: new Map(report.results.map((r) => [r.file, r])),
  };
}

/** The summed RSS of a process and all its descendants, sampled every 50 ms (Linux /proc); `stop` gives the peak in MiB. */
function treeRss(pid) {
  let peak = 0;
  const kb = (p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      return rss + kids.reduce((sum, k) => sum + kb(k), 0);
    } catch {
      return 0;
    }
  };
  const timer = linux ? setInterval(() => (peak = Math.max(peak, kb(pid))), 50) : undefined;
  return {
    stop: () => {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}

/** User + system seconds from `/usr/bin/time -f 'cpu=%U %S'` on stderr. */
function cpuOf(stderr) {
  const m = /cpu=([\d.]+) ([\d.]+)/.exec(stderr);
  return m ? Number(m[1]) + Number(m[2]) : undefined;
}

/** Native tesseract on one image, one thread (OMP_THREAD_LIMIT=1), with its peak RSS when /usr/bin/time is there. */
async function tesseract(file) {
  const args = [file, '-', '--psm', '3'];
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const started = performance.now();
  const { stdout, stderr } = timeTool
    ? await run('/usr/bin/time', ['-f', 'maxrss=%M cpu=%U %S', 'tesseract', ...args], { env, maxBuffer: 1 << 26 })
    : await run('tesseract', args, { env, maxBuffer: 1 << 26 });
  const rss = /maxrss=(\d+)/.exec(stderr);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuOf(stderr), text: stdout, ...(rss ? { maxRssMB: Number(rss[1]) / 1024 } : {}) };
}

/** Native tesseract over `files`, two at a time: wall seconds, CPU seconds summed, the largest peak RSS of one process. */
async function tesseractPair(files) {
  const started = performance.now();
  let next = 0;
  let cpu = 0;
  let rss = 0;
  const lane = async () => {
    while (next < files.length) {
      const one = await tesseract(files[next++]);
      cpu += one.cpuSeconds ?? Number.NaN;
      rss = Math.max(rss, one.maxRssMB ?? 0);
    }
  };
  await Promise.all([lane(), lane()]);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpu, maxRssMB: rss };
}

export async function benchOcrKinds(work) {
  const dir = join(work, 'ocr-kinds');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const kinds = [
    ['photo 12 MP', 'photo-12mp-plain.jpg', () => documentPhoto(4032, 3024, 13, 6)],
    ['grainy photo 12 MP', 'photo-12mp.jpg', () => documentPhoto(4032, 3024, 12, 40)],
    ['photo 48 MP', 'photo-48mp.jpg', () => documentPhoto(8064, 6048, 48, 24)],
    ['parcel photo 12 MP', 'photo-12mp-parcel.jpg', () => parcelPhoto(4032, 3024, 7)],
    ['scan 300 dpi', 'scan.png', () => scanPage(3)],
    ['screenshot 1x', 'shot-1x.png', () => chatScreenshot(1, 5)],
    ['screenshot 3x', 'shot-3x.png', () => chatScreenshot(3, 6)],
  ];
  // BENCH_OCR_KINDS=shot-1x,scan (file names without extension) measures only those kinds;
  // BENCH_OCR_WAYS=system only that way; BENCH_OCR_REPEAT=n reads each image n times, ours and
  // native taking turns, and prints the median CPU seconds (on a shared machine one run swings).
  const only = process.env.BENCH_OCR_KINDS?.split(',').filter(Boolean);
  const repeat = Math.max(1, Number(process.env.BENCH_OCR_REPEAT ?? 1) || 1);
  const images = [];
  for (const [name, file, make] of kinds.filter(([, file]) => !only || only.includes(file.replace(/\.[a-z]+$/, '')))) {
    const { data, tokens } = await make();
    await writeFile(join(dir, file), data);
    images.push({ name, path: join(dir, file), tokens });
  }
  if (!native) console.log('ocr by kind: native tesseract is not installed (apt-get install tesseract-ocr): only our bundled engine is measured');
  console.log(
    `ocr by kind: cold, one image at a time, ours and native interleaved; ours = our engine reading it in a child process (+ its start: process, model), "bundled" = the npm engine alone, "system" = our engine reading through the system tesseract (as check does when it is installed); native = tesseract --psm 3 with OMP_THREAD_LIMIT=1 (its start included); cpu = user + system seconds`,
  );
  console.log(
    `  ${'kind'.padEnd(20)} ${'ours'.padEnd(7)} ${'ours s'.padStart(7)} ${'+start'.padStart(7)} ${'native s'.padStart(9)} ${'read cpu'.padStart(8)} ${'all cpu'.padStart(8)} ${'native cpu'.padStart(10)} ${'cpu ratio'.padStart(9)} ${'w/ start'.padStart(8)} ${'ours RSS'.padStart(9)} ${'native RSS'.padStart(10)} ${'recall ours'.padStart(11)} ${'recall native'.padStart(13)}`,
  );
  const pct = (v) => `${(v * 100).toFixed(1)} %`;
  const secs = (v) => (v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(1)} s`);
  const ratio = (a, b) => (a === undefined || !b || Number.isNaN(a) || Number.isNaN(b) ? '—' : (a / b).toFixed(2));
  const ways = (native ? ['bundled', 'system'] : ['bundled']).filter((w) => !process.env.BENCH_OCR_WAYS || process.env.BENCH_OCR_WAYS.split(',').includes(w));
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  for (const image of images) {
    for (const way of ways) {
      const runs = [];
      for (let r = 0; r < repeat; r++) runs.push({ us: await ours([image.path], way === 'bundled'), peer: native ? await tesseract(image.path) : undefined });
      const us = { ...runs[0].us, readCpu: median(runs.map((r) => r.us.readCpu)), cpuSeconds: median(runs.map((r) => r.us.cpuSeconds)) };
      const read = us.texts.get(image.path);
      const peer = runs[0].peer && { ...runs[0].peer, cpuSeconds: median(runs.map((r) => r.peer.cpuSeconds)) };
      const cells = [
        image.name.padEnd(20),
        way.padEnd(7),
        read.seconds.toFixed(1).padStart(7),
        `+${(us.seconds - read.seconds).toFixed(1)}`.padStart(7),
        (peer ? peer.seconds.toFixed(1) : '—').padStart(9),
        secs(us.readCpu).padStart(8),
        secs(us.cpuSeconds).padStart(8),
        secs(peer?.cpuSeconds).padStart(10),
        ratio(us.readCpu, peer?.cpuSeconds).padStart(9),
        ratio(us.cpuSeconds, peer?.cpuSeconds).padStart(8),
        `${us.maxRssMB.toFixed(0)} MiB`.padStart(9),
        (peer?.maxRssMB ? `${peer.maxRssMB.toFixed(0)} MiB` : '—').padStart(10),
        `${pct(recall(image.tokens, read.text))}${read.partial ? '*' : ''}`.padStart(11),
        (peer ? pct(recall(image.tokens, peer.text)) : '—').padStart(13),
      ];
      console.log(`  ${cells.join(' ')}`);
    }
  }
  // The whole corpus two at a time, and two 48 MP photos at once (memory's worst case).
  const big = images.find((i) => i.name === 'photo 48 MP')?.path;
  const pairs = only
    ? []
    : [
        [`all ${images.length}, two at a time`, images.map((i) => i.path)],
        ['two 48 MP photos at once', [big, big]],
      ];
  for (const [label, files] of pairs) {
    for (const way of ways) {
      const together = await ours(files, way === 'bundled');
      const peer = native ? await tesseractPair(files) : undefined;
      const vs = peer
        ? `native ${peer.seconds.toFixed(1)} s, ${secs(peer.cpuSeconds)} cpu (peak RSS ${peer.maxRssMB.toFixed(0)} MiB a process); wall ratio ${(together.seconds / peer.seconds).toFixed(2)}, cpu ratio ${ratio(together.cpuSeconds, peer.cpuSeconds)}`
        : 'native —';
      console.log(
        `  ${label}, ${way}: ours ${together.seconds.toFixed(1)} s, ${secs(together.cpuSeconds)} cpu (peak RSS ${together.maxRssMB.toFixed(0)} MiB); ${vs}`,
      );
    }
  }
  console.log(
    '  (* = OCR_PARTIAL: the reading budget stopped further readings; read cpu = ours without its start, all cpu = the whole process with its tesseract children; cpu ratio = read cpu ÷ native cpu, w/ start = all cpu ÷ native cpu)',
  );
}
