import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf, readPdfLines } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const NOTE = 'The client approves the final logo';
const BODY_LINE = 'Delivery checklist line';

/** A WhatsApp export over three days, with a screenshot dated between each day, so the packet cuts it into three excerpts. */
function whatsapp(): string {
  const lines: string[] = [];
  for (const [day, hour] of [
    ['10', 9],
    ['12', 9],
    ['14', 9],
  ] as const) {
    for (let k = 0; k < 3; k++) {
      lines.push(`${day}/03/2024, ${String(hour + k).padStart(2, '0')}:05 - Dana Client: Day ${day} message ${k + 1} about the logo`);
      lines.push(`${day}/03/2024, ${String(hour + k).padStart(2, '0')}:10 - Sam Seller: Day ${day} reply ${k + 1}, noted`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A delivery email sent after the chat, whose body is long but fits on one page. */
function deliveryEmail(lines: number): string {
  const body = Array.from({ length: lines }, (_, k) => `${BODY_LINE} ${k + 1}: file delivered and confirmed.`).join('\n');
  return `Message-ID: <delivery@seller.example>
Date: Fri, 15 Mar 2024 09:00:00 +0000
From: Sam Seller <sam@seller.example>
To: Dana Client <dana@example.com>
Subject: Final delivery
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${body}
`;
}

async function chatCase(emailLines: number): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'chat.txt'), whatsapp());
  await writeFile(join(dir, 'Screenshot_20240311-120000.png'), await makePng(640, 200, 'Proof one'));
  await writeFile(join(dir, 'Screenshot_20240313-120000.png'), await makePng(640, 200, 'Proof two'));
  await writeFile(join(dir, 'delivery.eml'), deliveryEmail(emailLines));
  await writeFile(
    join(dir, 'case.yaml'),
    `case: dp_parts
profile: stripe
reason: product_not_received
amount: 450
currency: USD
timezone: UTC
client:
  name: Dana Client
  email: dana@example.com
merchant: { name: Sam Seller, email: sam@seller.example }
items:
  - file: chat.txt
    note: ${NOTE}
`,
  );
  return dir;
}

async function build(dir: string, outDir?: string): Promise<string> {
  const out = join(outDir ?? (await tempDir()), 'out.pdf');
  const result = await runCli(['build', dir, '-o', out], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
  expect(result.code, result.stderr).toBe(0);
  return out;
}

/** The ten-line email's case built once: read by the test of its numbering and by the test of shared pages. */
const builtTen = shareRuns(async (_, work) => build(await chatCase(10), work));

const count = (text: string, part: string) => text.split(part).length - 1;

describe('one chat export cut into excerpts', () => {
  it('is one exhibit with parts, its note said once in the letter, the index and the captions', async () => {
    const pdf = await readPdf(await builtTen('10'));
    const text = pdf.pages.join('\n');
    // Chat, two screenshots, email: four exhibits, the chat's three excerpts all Exhibit 1.
    for (const part of [1, 2, 3]) expect(text).toContain(`Exhibit 1 of 4, part ${part} of 3 ·`);
    expect(text).toMatch(/Exhibit 4\b/);
    expect(text).not.toMatch(/Exhibit 6\b/);
    const front = pdf.pages.filter((page) => !/Exhibit 1 of 4, part/.test(page)).join('\n');
    // Once in the letter's list and once in the index.
    expect(count(front, NOTE)).toBe(2);
    expect(count(text, NOTE)).toBe(3);
    expect(front).toContain(`Exhibit 1, 2024-03-10 09:05 UTC+00:00: ${NOTE}`);
    expect(front).not.toContain(`2024-03-12 09:05 UTC+00:00: ${NOTE}`);
    expect(text).toContain('chat.txt — 1,071 bytes · Exhibit 1 ·');
  });

  it('is numbered so in `check --json` too', async () => {
    const check = await runCli(['check', await chatCase(10), '--json']);
    const exhibits = (JSON.parse(check.stdout) as { exhibits: { number: number; file: string }[] }).exhibits;
    expect(exhibits.map((e) => `${e.number} ${e.file}`)).toEqual([
      '1 chat.txt',
      '2 Screenshot_20240311-120000.png',
      '1 chat.txt',
      '3 Screenshot_20240313-120000.png',
      '1 chat.txt',
      '4 delivery.eml',
    ]);
  });

  it('never leaves a caption alone at a page foot: the email starts where its body starts', async () => {
    for (const lines of [36, 46]) {
      const out = await build(await chatCase(lines));
      const pdf = await readPdf(out);
      const captionPage = pdf.pages.findIndex((page) => /Exhibit 4 of 4 · email/i.test(page));
      expect(captionPage, `${lines} lines`).toBeGreaterThan(0);
      const pageLines = await readPdfLines(out, captionPage + 1);
      expect(pageLines.join('\n'), `${lines} lines`).toContain(`${BODY_LINE} 1:`);
    }
  });

  it('lets short excerpts share a page', async () => {
    const pdf = await readPdf(await builtTen('10'));
    const shared = pdf.pages.filter((page) => page.includes('Exhibit 1 of 4, part 3 of 3') && /Exhibit 4 of 4 · email/i.test(page));
    expect(shared).toHaveLength(1);
  });
});
