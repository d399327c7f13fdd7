// A large Telegram Desktop HTML export (pages of 1000 messages, as tdesktop splits them) for
// measuring memory and time: node scripts/make-large-telegram-html.mjs <dir> <megabytes>.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TELEGRAM_TAIL, telegramHead, telegramPageLink } from './lib/telegram-html.mjs';

const [dir, mb = '100'] = process.argv.slice(2);
if (!dir) throw new Error('usage: make-large-telegram-html.mjs <dir> <megabytes>');
const target = Number(mb) * 2 ** 20;
const pad = (n) => String(n).padStart(2, '0');

function message(id, t) {
  const d = new Date(Date.UTC(2024, 0, 1) + t * 60_000);
  const title = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00 UTC+00:00`;
  const from = id % 2 ? 'Dana Client' : 'Sam Seller';
  return `     <div class="message default clearfix" id="message${id}">
      <div class="body">
       <div class="pull_right date details" title="${title}">
${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}
       </div>
       <div class="from_name">
${from}
       </div>
       <div class="text">
Message ${id}: the theme files were delivered and the client confirmed that the checkout page works on mobile.
       </div>
      </div>
     </div>
`;
}

const head = (page) => telegramHead('Dana Client') + (page > 1 ? telegramPageLink(`messages${page - 1 === 1 ? '' : page - 1}.html`, 'Previous messages') : '');
const tail = (page, last) => (last ? '' : telegramPageLink(`messages${page + 1}.html`, 'Next messages')) + TELEGRAM_TAIL;

await mkdir(join(dir, 'css'), { recursive: true });
await mkdir(join(dir, 'js'), { recursive: true });
await writeFile(join(dir, 'css', 'style.css'), 'body{}\n');
await writeFile(join(dir, 'js', 'script.js'), 'function CheckLocation(){}\n');
const perPage = Buffer.byteLength(Array.from({ length: 1000 }, (_, i) => message(i + 1, i)).join(''));
const pages = Math.max(1, Math.round(target / perPage));
for (let p = 1; p <= pages; p++) {
  const body = Array.from({ length: 1000 }, (_, i) => message((p - 1) * 1000 + i + 1, (p - 1) * 1000 + i)).join('');
  await writeFile(join(dir, `messages${p === 1 ? '' : p}.html`), head(p) + body + tail(p, p === pages));
}
console.log(`${pages} pages, ${pages * 1000} messages in ${dir}`);
