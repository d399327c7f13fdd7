// Generates the bench corpus: 60 PNG chat screenshots (42 desktop 1920 × 1080, 18 phone
// 1170 × 2532) and 20 photo-heavy JPEG pages, each with small grey timestamps whose text is
// recorded, so legibility can be measured by reading them back. Deterministic.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

const FONT = "font-family='DejaVu Sans, sans-serif'";
const WORDS =
  'the theme works fine thanks invoice approved delivery page colours fonts menu order form logo update header footer mobile layout looks great checked payment received revision final files sent'.split(
    ' ',
  );

export function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const pad = (n) => String(n).padStart(2, '0');

function sentence(r, n) {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
}

/** A chat app's colours: WhatsApp's light theme (the bench's), and its dark theme (as on a phone or desktop set to dark mode). */
const THEMES = {
  light: {
    pane: '#efeae2',
    mine: '#dcf8c6',
    theirs: '#ffffff',
    edge: '#dddddd',
    text: '#111',
    stamp: '#8696a0',
    side: '#f7f7f7',
    bar: '#ededed',
    title: '#333',
    note: '#999',
    head: '#075e54',
    name: '#fff',
  },
  dark: {
    pane: '#0b141a',
    mine: '#005c4b',
    theirs: '#202c33',
    edge: '#202c33',
    text: '#e9edef',
    stamp: '#8696a0',
    side: '#111b21',
    bar: '#202c33',
    title: '#e9edef',
    note: '#8696a0',
    head: '#202c33',
    name: '#e9edef',
  },
};

/**
 * A chat screenshot: bubbles of text, each with an 11–12 px grey timestamp (`stampPx` CSS
 * px, drawn at the device's `scale`; `seed` varies the text; `theme` light or dark).
 */
export function chatSvg(index, width, height, phone, { scale = phone ? 3 : 1, stampPx = phone ? 11 : 11.5, seed = 0, theme = 'light' } = {}) {
  const c = THEMES[theme];
  const r = rng(seed + index + 1);
  const times = [];
  let y = 70 * scale;
  let minute = (index * 7) % 60;
  let hour = 8 + (index % 12);
  const parts = [];
  while (y < height - 80 * scale) {
    const mine = r() < 0.5;
    const lines = 1 + Math.floor(r() * 3);
    const w = (phone ? 300 : 520) * scale;
    const x = mine ? width - w - 20 * scale : (phone ? 12 : 340) * scale;
    const h = (lines * 20 + 30) * scale;
    minute += 1 + Math.floor(r() * 4);
    if (minute >= 60) {
      minute -= 60;
      hour = (hour + 1) % 24;
    }
    const time = `${pad(hour)}:${pad(minute)}`;
    times.push(time);
    parts.push(`<rect x='${x}' y='${y}' width='${w}' height='${h}' rx='${8 * scale}' fill='${mine ? c.mine : c.theirs}' stroke='${c.edge}'/>`);
    for (let l = 0; l < lines; l++) {
      parts.push(
        `<text x='${x + 10 * scale}' y='${y + (20 + l * 20) * scale}' font-size='${14 * scale}' fill='${c.text}'>${esc(sentence(r, phone ? 5 : 9))}</text>`,
      );
    }
    parts.push(`<text x='${x + w - 8 * scale}' y='${y + h - 7 * scale}' font-size='${stampPx * scale}' fill='${c.stamp}' text-anchor='end'>${time}</text>`);
    y += h + 10 * scale;
  }
  const sidebar = phone
    ? `<rect width='100%' height='${56 * scale}' fill='${c.head}'/><text x='${60 * scale}' y='${36 * scale}' font-size='${17 * scale}' fill='${c.name}'>Jane Doe</text>`
    : `<rect width='${320 * scale}' height='100%' fill='${c.side}'/><rect width='100%' height='${50 * scale}' fill='${c.bar}'/>${Array.from({ length: 12 }, (_, i) => `<text x='${20 * scale}' y='${(90 + i * 62) * scale}' font-size='${14 * scale}' fill='${c.title}'>${esc(sentence(r, 3))}</text><text x='${20 * scale}' y='${(110 + i * 62) * scale}' font-size='${12 * scale}' fill='${c.note}'>${esc(sentence(r, 4))}</text>`).join('')}`;
  return {
    svg: `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}><rect width='100%' height='100%' fill='${c.pane}'/>${sidebar}${parts.join('')}</svg>`,
    times,
  };
}

/**
 * A photo page's caption rows, each a sentence and a timestamp (15 and `stampPx` px, times
 * `scale`), as an SVG overlay; `r` draws the words.
 */
export function photoLabels(r, index, width, height, { scale = width / 1600, stampPx = 12 } = {}) {
  const times = [];
  const captions = [];
  const k = scale;
  const labels = Array.from({ length: 6 }, (_, i) => {
    const time = `${pad((index + i) % 24)}:${pad((index * 11 + i * 7) % 60)}`;
    times.push(time);
    const caption = sentence(r, 6);
    captions.push(caption);
    return `<rect x='${40 * k}' y='${height - (300 - i * 44) * k}' width='${700 * k}' height='${36 * k}' fill='#ffffff' opacity='0.85'/><text x='${50 * k}' y='${height - (276 - i * 44) * k}' font-size='${15 * k}' fill='#222'>${esc(caption)}</text><text x='${730 * k}' y='${height - (276 - i * 44) * k}' font-size='${stampPx * k}' fill='#777' text-anchor='end'>${time}</text>`;
  }).join('');
  return { svg: `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}>${labels}</svg>`, times, captions };
}

/**
 * A photo-heavy page: a noisy photographic area with a caption and timestamps under it
 * (`stampPx` at 1600 px wide; the captions scale with the photo, as printed text does,
 * or by `scale` when given).
 */
export async function photoPage(index, width, height, { scale = width / 1600, stampPx = 12, seed = 1000 } = {}) {
  const r = rng(seed + index);
  const raw = Buffer.alloc(width * height * 3);
  const [cr, cg, cb] = [80 + r() * 120, 80 + r() * 120, 80 + r() * 120];
  for (let p = 0; p < width * height; p++) {
    const x = p % width;
    const yy = Math.floor(p / width);
    const wave = 40 * Math.sin(x / (30 + index)) * Math.cos(yy / (45 + index));
    raw[p * 3] = Math.max(0, Math.min(255, cr + wave + (r() - 0.5) * 60));
    raw[p * 3 + 1] = Math.max(0, Math.min(255, cg + wave + (r() - 0.5) * 60));
    raw[p * 3 + 2] = Math.max(0, Math.min(255, cb - wave + (r() - 0.5) * 60));
  }
  const { svg, times, captions } = photoLabels(r, index, width, height, { scale, stampPx });
  const overlay = Buffer.from(svg);
  const data = await sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.2)
    .composite([{ input: overlay }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return { data, times, captions };
}

/**
 * A generated case in dir/case with the stamps drawn in each image in dir/truth.json: written once by
 * `write(caseDir, truth)`, then read back. Its case.yaml names `caseId` and the bench client.
 */
export async function cachedCorpus(dir, caseId, write) {
  const caseDir = join(dir, 'case');
  const truthPath = join(dir, 'truth.json');
  try {
    return { caseDir, truth: JSON.parse(await readFile(truthPath, 'utf8')) };
  } catch {
    // not generated yet
  }
  await mkdir(caseDir, { recursive: true });
  const truth = {};
  await write(caseDir, truth);
  await writeFile(join(caseDir, 'case.yaml'), `case: ${caseId}\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\n`);
  await writeFile(truthPath, JSON.stringify(truth, null, 1));
  return { caseDir, truth };
}

export function makeCorpus(dir) {
  return cachedCorpus(dir, 'bench_80', writeCorpus);
}

async function writeCorpus(caseDir, truth) {
  const start = Date.UTC(2024, 2, 1, 9, 0, 0);
  const name = (i, ext) => {
    const d = new Date(start + i * 3_600_000);
    return `Screenshot_${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00.${ext}`;
  };
  for (let i = 0; i < 60; i++) {
    const phone = i % 10 >= 7; // 18 phone, 42 desktop
    const [w, h] = phone ? [1170, 2532] : [1920, 1080];
    const { svg, times } = chatSvg(i, w, h, phone);
    const file = name(i, 'png');
    await sharp(Buffer.from(svg)).png().toFile(join(caseDir, file));
    truth[file] = times;
  }
  for (let i = 0; i < 20; i++) {
    const { data, times } = await photoPage(i, 1600, 1200);
    const file = name(60 + i, 'jpg');
    await writeFile(join(caseDir, file), data);
    truth[file] = times;
  }
}

/**
 * A case of screenshots of every kind, as a dispute often has: desktop chat captures
 * (1920 × 1080), phone captures (1170 × 2532, some in a row) and photo pages (1600 × 1200),
 * an hour apart, with a cover letter (reason) and the Mastercard page limit. Deterministic.
 * The kinds repeat `pattern` ('d' desktop, 'p' phone, 'f' photo).
 */
export async function makeMixedCase(caseDir, pattern = 'dppfdpdfdppdfdpdf') {
  await mkdir(caseDir, { recursive: true });
  const start = Date.UTC(2024, 2, 1, 9, 0, 0);
  const kinds = {};
  for (const [i, kind] of [...pattern].entries()) {
    const d = new Date(start + i * 3_600_000);
    const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
    const file = `Screenshot_${stamp}.${kind === 'f' ? 'jpg' : 'png'}`;
    if (kind === 'f') await writeFile(join(caseDir, file), (await photoPage(i, 1600, 1200)).data);
    else {
      const [w, h] = kind === 'p' ? [1170, 2532] : [1920, 1080];
      await sharp(Buffer.from(chatSvg(i, w, h, kind === 'p').svg))
        .png()
        .toFile(join(caseDir, file));
    }
    kinds[file] = { d: 'desktop', p: 'phone', f: 'photo' }[kind];
  }
  await writeFile(
    join(caseDir, 'case.yaml'),
    'case: dp_mixed_17\nprofile: stripe\nnetwork: mastercard\nreason: product_unacceptable\namount: 499.00\ncurrency: USD\ntimezone: UTC\nclient:\n  name: Jane Doe\n  email: jane.doe@example.com\nmerchant: { name: Acme Themes, email: support@acme.dev }\nsummary: The client approved the finished theme and is using it live.\n',
  );
  return kinds;
}
