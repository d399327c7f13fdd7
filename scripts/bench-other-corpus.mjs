// A second legibility corpus the encoders were never tuned on: a seeded random mix of
// kinds, sizes and stamp sizes unlike the bench corpus's (desktops 1280 × 800, 1440 × 900,
// 2560 × 1440 at 2x; phones 1080 × 2400, 750 × 1334, 1284 × 2778; photos 4000 × 3000,
// 3024 × 4032, 2048 × 1536), timestamps 10–13 px. Returns the truth as the legibility
// measure wants it: file → { kind, stamps }. Deterministic for a seed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { cachedCorpus, chatSvg, photoPage, rng } from './bench-corpus.mjs';

const DESKTOPS = [
  [1280, 800, 1],
  [1440, 900, 1],
  [2560, 1440, 2],
];
const PHONES = [
  [1080, 2400, 2.75],
  [750, 1334, 2],
  [1284, 2778, 3],
];
const PHOTOS = [
  [4000, 3000],
  [3024, 4032],
  [2048, 1536],
];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const pad = (n) => String(n).padStart(2, '0');

/** Writes `count` images into dir/case (once; a second call reads the truth back). */
export function makeOtherCorpus(dir, { seed = 7, count = 24 } = {}) {
  return cachedCorpus(dir, `other_${seed}`, (caseDir, truth) => writeOtherCorpus(caseDir, truth, seed, count));
}

async function writeOtherCorpus(caseDir, truth, seed, count) {
  // The seed is spread over 32 bits first, so that nearby seeds start far apart.
  const r = rng((seed * 2654435761) >>> 0);
  const start = Date.UTC(2024, 5, 3, 7, 0, 0);
  for (let i = 0; i < count; i++) {
    const d = new Date(start + i * 2_700_000);
    const stem = `IMG_${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
    const roll = r();
    const stampPx = 10 + Math.floor(r() * 4);
    const index = 100 + i;
    if (roll < 0.25) {
      const [w, h] = pick(r, PHOTOS);
      const { data, times } = await photoPage(index, w, h, { stampPx, seed: seed * 1000 });
      await writeFile(join(caseDir, `${stem}.jpg`), data);
      truth[`${stem}.jpg`] = { kind: 'photo', stamps: times };
      continue;
    }
    const phone = roll < 0.5;
    const [w, h, scale] = pick(r, phone ? PHONES : DESKTOPS);
    const { svg, times } = chatSvg(index, w, h, phone, { scale, stampPx, seed: seed * 1000 });
    await sharp(Buffer.from(svg))
      .png()
      .toFile(join(caseDir, `${stem}.png`));
    truth[`${stem}.png`] = { kind: phone ? 'phone' : 'desktop', stamps: times };
  }
}
