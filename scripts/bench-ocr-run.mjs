// Child process of the OCR bench: reads the images given (two at a time, as check does) with
// our OCR engine from cold (no cache) and prints, as JSON, each one's time and text and the
// process's peak RSS; the engine's start (one worker) is timed apart. Run apart so that its memory is its own.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { createOcrEngine } = await import(join(root, 'dist', 'ocr', 'ocr-engine.js'));
const { readImage, sniffImageFormat } = await import(join(root, 'dist', 'imaging', 'read-image.js'));
// sharp loads at a run's first image (src/io/cjs.ts); loaded here, it counts with the start, as
// the process and the libraries do, not with the first image's reading.
const { sharp } = await import(join(root, 'dist', 'io', 'cjs.js'));
void sharp.versions;

const files = process.argv.slice(2);
const started = performance.now();
// As the CLI: the system's tesseract reads when installed, unless EVIDENCE_PACKET_NATIVE_OCR=0.
const nativeOcr = process.env.EVIDENCE_PACKET_NATIVE_OCR;
const engine = createOcrEngine({
  workers: 2,
  ...(nativeOcr === '0' || nativeOcr === 'off' ? {} : { native: nativeOcr && nativeOcr !== '1' ? nativeOcr : 'tesseract' }),
});
/** CPU seconds (user + system) of this process and of the children it has waited for (tesseract's), from /proc. */
function cpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  } catch {
    return undefined;
  }
}
// The bundled engine starts (loads its model) on a blank image first, so each image's own time is
// its reading; the system tesseract has nothing to load (each reading is its own process).
if (nativeOcr === '0' || nativeOcr === 'off') {
  const sharp = (await import('sharp')).default;
  const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  await engine.recognize({
    file: 'blank.png',
    sha256: 'blank',
    bytes: blank,
    marks: { highlight: [], redact: [] },
    image: { width: 64, height: 64, opaque: true, format: 'png' },
  });
}
const startSeconds = (performance.now() - started) / 1000;
const startCpu = cpuSeconds();
const results = [];
let next = 0;
async function lane() {
  while (next < files.length) {
    const file = files[next++];
    const t0 = performance.now();
    const bytes = await readFile(file);
    const read = await readImage(bytes, sniffImageFormat(bytes));
    if (!read.ok) throw new Error(`${file}: ${read.reason}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ocr = await engine.recognize({ file, sha256, bytes, marks: { highlight: [], redact: [] }, image: read.info });
    results.push({ file, seconds: (performance.now() - t0) / 1000, text: ocr.text, partial: ocr.partial === true });
  }
}
await Promise.all([lane(), lane()]);
await engine.close();
const seconds = (performance.now() - started) / 1000;
const cpu = cpuSeconds();
console.log(
  JSON.stringify({
    seconds,
    startSeconds,
    startCpu,
    readCpu: cpu === undefined ? undefined : cpu - startCpu,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    results,
  }),
);
