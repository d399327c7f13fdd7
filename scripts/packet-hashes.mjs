#!/usr/bin/env node
// Builds every fixture case that builds, with SOURCE_DATE_EPOCH fixed, and prints the SHA-256 of
// each packet and report: a refactor that must not change the output compares two runs of this.
// Usage: npm run build && node scripts/packet-hashes.mjs [--quick] > hashes.txt
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'bin', 'evidence-packet.js');
const FIXTURES = join(REPO, 'fixtures');
const EPOCH = '1712000000';

/** A case of chat exports of every family, as test/e2e/chat-packet.test.ts mixes them. */
function chatsCase(dir) {
  const files = {
    'whatsapp.txt': 'whatsapp/android-24h-dmy.txt',
    'ios-chat.txt': 'whatsapp/ios-dotted-lrm.txt',
    'arabic.txt': 'whatsapp/ar-ios-rlm.txt',
    'mail.mbox': 'email/thread.mbox',
    'receipt.eml': 'email/receipt.eml',
    'helpscout.json': 'helpdesk/helpscout.json',
    'zendesk.json': 'helpdesk/zendesk-comments.json',
    'telegram.json': 'telegram/single-old.json',
    'discord.json': 'discord/channel.json',
    'messenger.json': 'meta/message_1.json',
    'messages.csv': 'csv/messages.csv',
  };
  for (const [to, from] of Object.entries(files)) copyFileSync(join(FIXTURES, 'chats', from), join(dir, to));
  writeFileSync(
    join(dir, 'case.yaml'),
    `case: dp_chat\nprofile: stripe\nreason: product_not_received\namount: 450\ncurrency: USD\ntimezone: Europe/London\nclient:\n  name: Dana Client\n  email: dana@example.com\nmerchant: { name: Sam Seller, email: sam@seller.example }\nitems:\n  - file: whatsapp.txt\n    notes:\n      - match: logo files arrived\n        note: The client confirms the files arrived\n  - file: ios-chat.txt\n    select: { match: ['Files received', 'Спасибо'] }\n`,
  );
  return dir;
}

const cases = [
  ['sample-case', join(FIXTURES, 'sample-case')],
  ...readdirSync(join(FIXTURES, 'cases')).map((name) => [`cases/${name}`, join(FIXTURES, 'cases', name)]),
  ['chats', null],
];
/** Flag sets: the defaults, without OCR, and the layouts and fitters flags choose. */
const quick = process.argv.includes('--quick');
const variants = [
  ['--no-ocr'],
  ...(quick ? [] : [[]]),
  ['--no-ocr', '--paper', 'a4'],
  ['--no-ocr', '--profile', 'amex-optblue'],
  ['--no-ocr', '--max-size', '120KB'],
  ['--no-ocr', '--profile', 'adyen', '--split'],
];

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
const work = mkdtempSync(join(tmpdir(), 'ep-hashes-'));
try {
  for (const [name, given] of cases) {
    const dir = given ?? chatsCase(mkdtempSync(join(work, 'case-')));
    for (const flags of variants) {
      const out = mkdtempSync(join(work, 'out-'));
      const args = ['build', dir, '-o', join(out, 'packet.pdf'), '--report', join(out, 'report.json'), '--json', ...flags];
      const run = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' }, encoding: 'utf8' });
      const pdfs = readdirSync(out)
        .filter((f) => f.endsWith('.pdf'))
        .sort();
      const hashes = [...pdfs, ...(existsSync(join(out, 'report.json')) ? ['report.json'] : [])].map((f) => `${f}=${sha(join(out, f))}`);
      // Without a packet, the findings are the output: their codes in order.
      const codes = pdfs.length === 0 ? (JSON.parse(run.stdout || '{"findings":[]}').findings ?? []).map((f) => f.code).join(',') : '';
      console.log(`${name} [${flags.join(' ') || 'default'}] exit=${run.status} ${hashes.join(' ')}${codes ? ` codes=${codes}` : ''}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
