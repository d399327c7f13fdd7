// The ImageMagick pipeline issue #5 compares against, run on the same corpus in the same
// minutes as our build (this VM's speed drifts by a fifth within an hour, so a figure
// measured on another day is no yardstick). Skipped with a note when ImageMagick is absent
// or its security policy forbids writing PDF (Debian's default: see /etc/ImageMagick-6/policy.xml).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findConvert() {
  for (const command of ['magick', 'convert']) {
    const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
    if (probe.status === 0 && /ImageMagick/.test(probe.stdout)) return command;
  }
  return undefined;
}

/** Times `convert <images> -resize 50% -quality 75 -compress jpeg out.pdf`; pages follow the files. */
export function benchImageMagick(caseDir, files, out) {
  const convert = findConvert();
  if (!convert) return { skipped: 'ImageMagick not found (apt-get install imagemagick) — its pipeline not timed' };
  const args = [...files.map((f) => join(caseDir, f)), '-resize', '50%', '-quality', '75', '-compress', 'jpeg', out];
  const time = existsSync('/usr/bin/time');
  const started = performance.now();
  const child = time
    ? spawnSync('/usr/bin/time', ['-f', '%M', convert, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(convert, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    const reason = (child.stderr ?? '').split('\n').find((l) => /not allowed|policy|exhausted/.test(l)) ?? (child.stderr ?? '').split('\n')[0];
    return { skipped: `ImageMagick could not write the PDF (${reason.trim()}) — its pipeline not timed` };
  }
  const maxRssMB = time ? Number(child.stderr.trim().split('\n').pop()) / 1024 : undefined;
  return { seconds, maxRssMB, bytes: statSync(out).size, exhibits: files.map((file, i) => ({ file, start: i + 1 })) };
}
