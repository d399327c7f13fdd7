// OCR benchmark (part of npm run bench): `check` of the 60 PNG chat screenshots of the bench
// corpus with a cold OCR cache, then warm. Targets: under 60 s cold and under 2 s warm on 2 cores.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function check(caseDir, cacheDir, extra = []) {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [join(root, 'bin', 'evidence-packet.js'), 'check', caseDir, '--json', '--cache-dir', cacheDir, '--max-pages', '1000', ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const seconds = (performance.now() - started) / 1000;
  const json = JSON.parse(child.stdout);
  const read = json.exhibits.filter((e) => e.ocr);
  return { seconds, read: read.length, cached: read.filter((e) => e.ocr.cached).length, dated: read.filter((e) => e.ocr.visible.date).length };
}

export async function benchOcr(corpusCase, work) {
  const caseDir = join(work, 'ocr-case');
  await rm(caseDir, { recursive: true, force: true });
  await mkdir(caseDir, { recursive: true });
  const pngs = (await readdir(corpusCase)).filter((f) => f.endsWith('.png'));
  for (const f of pngs) await cp(join(corpusCase, f), join(caseDir, f));
  await cp(join(corpusCase, 'case.yaml'), join(caseDir, 'case.yaml'));
  const cacheDir = join(work, 'ocr-cache');
  await rm(cacheDir, { recursive: true, force: true });
  const cold = check(caseDir, cacheDir);
  console.log(
    `ocr: ${pngs.length} screenshots, cold cache: ${cold.seconds.toFixed(1)} s (target < 60 s), ${cold.read} read, a date or time found in ${cold.dated}`,
  );
  const warm = check(caseDir, cacheDir);
  console.log(`ocr: ${pngs.length} screenshots, warm cache: ${warm.seconds.toFixed(2)} s (target < 2 s), ${warm.cached} of ${warm.read} from the cache`);
  // The rest of check (reading and trimming the images, predicting the size) is not OCR.
  const none = check(caseDir, cacheDir, ['--no-ocr']);
  console.log(
    `ocr: the same check with --no-ocr: ${none.seconds.toFixed(2)} s, so OCR's own share is ${(cold.seconds - none.seconds).toFixed(1)} s cold, ${Math.max(0, warm.seconds - none.seconds).toFixed(2)} s warm`,
  );
}
