// Seeded random dispute cases: desktop and phone chat captures, photos of receipts and parcels
// (JPEG) and short chat exports, of random kinds, sizes, text sizes and order, an hour apart,
// with a cover letter and Mastercard's page limit. Each image's small date/time stamps are
// returned, so legibility can be measured by reading them back. Same seed, same files.
// Usage: node scripts/random-case.mjs <seed> <dir> [alternating|random] [usual|other] [light|dark]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { chatSvg, photoPage, rng } from './bench-corpus.mjs';

const DESKTOP = [
  [1280, 720],
  [1366, 768],
  [1440, 900],
  [1920, 1080],
  [2560, 1440],
];
const PHONE = [
  [750, 1334],
  [1080, 2340],
  [1170, 2532],
  [1284, 2778],
];
const PHOTO = [
  [1600, 1200],
  [1200, 1600],
  [2000, 1500],
];
/**
 * Other sizes, none of them among the ones above, that the layout was never tuned on: a
 * laptop's and a Retina display's captures (a third number: the display's scale, which
 * draws its text that many times larger), newer phones', and photos at the 12 MP a phone
 * camera takes (`sizes: 'other'`).
 */
const OTHER = {
  desktop: [
    [1536, 864],
    [1680, 1050],
    [2880, 1800, 2],
    [3024, 1964, 2],
    [1600, 900],
    [2048, 1152],
  ],
  phone: [
    [1179, 2556],
    [1290, 2796],
    [1080, 2400],
    [828, 1792],
    [1440, 3200],
  ],
  photo: [
    [4032, 3024],
    [3024, 4032],
    [4000, 3000],
    [1920, 2560],
  ],
};
const LINES = [
  'Hi, is the order on its way?',
  'It was delivered this morning',
  'Thanks, the files arrived',
  'Can you check the invoice?',
  'All good, approved',
];
const pad = (n) => String(n).padStart(2, '0');
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** Kinds in order: 'alternating' is 7 desktop, 6 phone and 4 photos with no two phone captures side by side; else random. */
function kindsOf(r, count, shape) {
  if (shape !== 'alternating') return Array.from({ length: count }, () => pick(r, ['desktop', 'desktop', 'phone', 'phone', 'photo', 'photo', 'chat']));
  for (;;) {
    const phones = new Set();
    while (phones.size < 6) phones.add(Math.floor(r() * 17));
    if ([...phones].some((p) => phones.has(p + 1))) continue;
    const others = ['desktop', 'desktop', 'desktop', 'desktop', 'desktop', 'desktop', 'desktop', 'photo', 'photo', 'photo', 'photo'];
    for (let i = others.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [others[i], others[j]] = [others[j], others[i]];
    }
    return Array.from({ length: 17 }, (_, i) => (phones.has(i) ? 'phone' : others.pop()));
  }
}

/**
 * What a case holds, without drawing it: each exhibit's file, kind, pixel size, text scale
 * (the drawn text is 14 px times it in a capture, 15 px and 12 px stamps in a photo), its
 * drawing's index, its date, and a chat export's lines.
 */
export function randomCaseSpec(seed, { exhibits = 17, shape = 'random', sizes = 'usual' } = {}) {
  const r = rng(seed * 7919 + 17);
  const kinds = kindsOf(r, shape === 'alternating' ? 17 : exhibits, shape);
  const start = Date.UTC(2024, 2, 1, 9, 0, 0);
  return kinds.map((kind, i) => {
    const d = new Date(start + i * 3_600_000);
    const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
    const index = seed * 100 + i;
    if (kind === 'chat') {
      const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
      const lines = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, k) => {
        const who = k % 2 === 0 ? 'Jane Doe' : 'Acme Themes';
        return `${day}, ${pad(d.getUTCHours())}:${pad(k + 1)} - ${who}: ${pick(r, LINES)}`;
      });
      return { file: `chat-${stamp}.txt`, kind, lines, index };
    }
    // The cases: desktop captures at 1920 × 1080, phone captures at 1170 × 2532.
    const fixed = shape === 'alternating' && kind !== 'photo';
    const [width, height, dpr = 1] = fixed
      ? kind === 'phone'
        ? [1170, 2532]
        : [1920, 1080]
      : pick(r, (sizes === 'other' ? OTHER : { desktop: DESKTOP, phone: PHONE, photo: PHOTO })[kind]);
    const jitter = 0.9 + r() * 0.6;
    const scale = kind === 'phone' ? (width / 390) * Math.min(jitter, 1.2) : kind === 'photo' ? (width / 1600) * jitter : dpr * jitter;
    return { file: `Screenshot_${stamp}.${kind === 'photo' ? 'jpg' : 'png'}`, kind, width, height, scale: Math.round(scale * 100) / 100, index };
  });
}

/**
 * The case.yaml: a reason and a summary (so a cover letter is written), Mastercard's 19
 * pages, and each chat export's date order (its days are all 12 or under, so either reads).
 */
export function caseYaml(seed, letter, specs) {
  const reason = letter ? 'reason: product_unacceptable\nsummary: The client approved the finished theme and is using it live.\n' : '';
  const chats = specs.filter((spec) => spec.kind === 'chat').map((spec) => `  - file: ${spec.file}\n    dateOrder: dmy\n`);
  const items = chats.length > 0 ? `items:\n${chats.join('')}` : '';
  return `case: dp_random_${seed}\nprofile: stripe\nnetwork: mastercard\n${reason}amount: 499.00\ncurrency: USD\ntimezone: UTC\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\nmerchant: { name: Acme Themes, email: support@acme.dev }\n${items}`;
}

/** Writes the case folder (its captures in a light or dark `theme`: a phone or desktop in dark mode); returns each exhibit's file, kind and the stamps drawn in it (none in a chat export). */
export async function makeRandomCase(seed, dir, { exhibits = 17, letter = true, shape = 'random', sizes = 'usual', theme = 'light' } = {}) {
  await mkdir(dir, { recursive: true });
  const out = [];
  const specs = randomCaseSpec(seed, { exhibits, shape, sizes });
  for (const spec of specs) {
    const path = join(dir, spec.file);
    let stamps = [];
    if (spec.kind === 'chat') await writeFile(path, `${spec.lines.join('\n')}\n`);
    else if (spec.kind === 'photo') {
      const photo = await photoPage(spec.index, spec.width, spec.height, { scale: spec.scale });
      await writeFile(path, photo.data);
      stamps = photo.times;
    } else {
      const drawn = chatSvg(spec.index, spec.width, spec.height, spec.kind === 'phone', { scale: spec.scale, theme });
      await sharp(Buffer.from(drawn.svg)).png().toFile(path);
      stamps = drawn.times;
    }
    out.push({ file: spec.file, kind: spec.kind, stamps });
  }
  await writeFile(join(dir, 'case.yaml'), caseYaml(seed, letter, specs));
  return { exhibits: out };
}

if (process.argv[1]?.endsWith('random-case.mjs') && process.argv.length >= 4) {
  const made = await makeRandomCase(Number(process.argv[2]), process.argv[3], {
    shape: process.argv[4] ?? 'random',
    sizes: process.argv[5] ?? 'usual',
    theme: process.argv[6] ?? 'light',
  });
  console.log(made.exhibits.map((e) => `${e.file} ${e.kind} ${e.stamps.length} stamps`).join('\n'));
}
