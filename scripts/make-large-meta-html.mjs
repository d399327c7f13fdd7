// A large Facebook Messenger "Download your information" HTML thread (2024 markup: message_N.html
// of 10,000 messages each, newest first, with a photos/ folder) for measuring memory and time:
// node scripts/make-large-meta-html.mjs <dir> <megabytes>.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dir, mb = '100'] = process.argv.slice(2);
if (!dir) throw new Error('usage: make-large-meta-html.mjs <dir> <megabytes>');
const target = Number(mb) * 2 ** 20;
const PER_PAGE = 10_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** "Jan 01, 2024 9:05:00 am", as the 2024 download writes a time (UTC here). */
function time(t) {
  const d = new Date(Date.UTC(2024, 0, 1) + t * 60_000);
  const h = d.getUTCHours();
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:00 ${h < 12 ? 'am' : 'pm'}`;
}

function block(id) {
  const from = id % 2 ? 'Dana Client' : 'Sam Seller';
  return `<div class="_3-95 _a6-g"><div class="_2ph_ _a6-h _a6-i">${from}</div><div class="_2ph_ _a6-p"><div><div></div><div>Message ${id}: the theme files were delivered and the client confirmed that the checkout page works on mobile.</div><div></div><div></div></div></div><div class="_3-94 _a6-o"><div class="_a72d">${time(id)}</div></div></div>`;
}

const page = (body) =>
  `<html><head><meta charset="utf-8" /><title>Dana Client</title></head><body class="_5vb_ _2yq _a7o5"><div class="clearfix _ikh"><div class="_4bl9"><div class="_li"><div class="_a705"><div class="_3-8y _3-95 _a70a"><div class="_a70d"><div class="_a70e">Dana Client</div><div class="_a70f">Participants: Dana Client and Sam Seller</div></div></div><div class="_a706" role="main">${body}</div></div></div></div></div></body></html>`;

const perPage = Buffer.byteLength(page(Array.from({ length: PER_PAGE }, (_, i) => block(i + 1)).join('')));
const pages = Math.max(1, Math.round(target / perPage));
const total = pages * PER_PAGE;
await mkdir(join(dir, 'photos'), { recursive: true });
await writeFile(join(dir, 'photos', 'placeholder.txt'), 'no photo\n');
// message_1.html holds the newest messages, newest first.
for (let p = 1; p <= pages; p++) {
  const ids = Array.from({ length: PER_PAGE }, (_, i) => total - (p - 1) * PER_PAGE - i);
  await writeFile(join(dir, `message_${p}.html`), page(ids.map(block).join('')));
}
console.log(`${pages} pages, ${total} messages in ${dir}`);
