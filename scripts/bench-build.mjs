// One measured build in its own process, so peak memory is this build's alone.
// Usage: node scripts/bench-build.mjs <case> <out.pdf> <maxBytes|lossless>
import { writeFile } from 'node:fs/promises';
import { buildPacket, configureImageRuntime } from '../dist/index.js';

configureImageRuntime();

const [caseDir, out, limit] = process.argv.slice(2);
const started = performance.now();
const result = await buildPacket(caseDir, {
  maxPages: 1000,
  ...(limit === 'lossless' ? { lossless: true, profile: 'generic' } : { maxBytes: Number(limit) }),
  sourceDateEpoch: 1_700_000_000,
});
if (!result.ok) {
  console.error(JSON.stringify(result.check.findings));
  process.exit(1);
}
await writeFile(out, result.pdf);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, bytes: result.pdf.length, exhibits: result.report.exhibits.map((e) => ({ file: e.file, start: e.pages.start, rung: e.embedded.rung, bytes: e.embedded.bytes })) }));
