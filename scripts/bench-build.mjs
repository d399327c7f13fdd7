// One measured build in its own process, so peak memory is this build's alone. Set up as
// bin/evidence-packet.js does (thread pool, image runtime); the time is from process start,
// module loading included, to the PDF written.
// Usage: node scripts/bench-build.mjs <case> <out.pdf> <maxBytes|lossless> [ocr-cache-dir]
// With an OCR cache folder the build reads the screenshots with OCR, as the CLI does by
// default (focus crops need it), keeping only OCR's results there (image reads and sample
// encodes are not cached: every image is still read and encoded).
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';

process.env.UV_THREADPOOL_SIZE ??= String(Math.min(4, Math.max(2, availableParallelism())));
const { buildPacket, configureImageRuntime } = await import('../dist/index.js');
configureImageRuntime();

const [caseDir, out, limit, ocrDir] = process.argv.slice(2);
const result = await buildPacket(caseDir, {
  maxPages: 1000,
  ...(ocrDir ? { ocr: { cacheDir: ocrDir } } : {}),
  ...(limit === 'lossless' ? { lossless: true, profile: 'generic' } : { maxBytes: Number(limit) }),
  sourceDateEpoch: 1_700_000_000,
});
if (!result.ok) {
  console.error(JSON.stringify(result.check.findings));
  process.exit(1);
}
await writeFile(out, result.pdf);
const ms = performance.now();
console.log(
  JSON.stringify({
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    bytes: result.pdf.length,
    exhibits: result.report.exhibits.map((e) => ({
      file: e.file,
      start: e.pages.start,
      pages: e.pages,
      rung: e.embedded?.rung,
      bytes: e.embedded?.bytes,
      focus: e.focus,
    })),
  }),
);
