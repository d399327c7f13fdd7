import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFonts, PAPER_SIZES, textFieldPages } from '../../src/document/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

/**
 * Stripe counts the text fields sent beside the file against the same page limit. The
 * packet is laid out for the pages those fields leave it, so it goes compact (and packs)
 * for that smaller limit rather than for the whole one.
 */
const PHONES = 6;

/** Six phone captures, a reason (so a letter, and an uncategorized_text field), a Stripe profile. */
async function phoneCase(): Promise<string> {
  const dir = await tempDir();
  const items: string[] = [];
  for (let k = 0; k < PHONES; k++) {
    await writeFile(join(dir, `phone-${k}.png`), await makePng(390, 844, `Order ${k} shipped`));
    items.push(`  - file: phone-${k}.png\n    date: 2024-03-0${k + 1}T10:00:00Z\n`);
  }
  await writeFile(
    join(dir, 'case.yaml'),
    `case: du_1OqLmZAcme0042\nprofile: stripe\nreason: product_not_received\namount: 499\ncurrency: USD\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\nitems:\n${items.join('')}`,
  );
  return dir;
}

type Report = { output: { pages: number }; exhibits: unknown[] };

async function build(dir: string, out: string, ...extra: string[]) {
  const args = ['build', dir, '-o', join(out, 'packet.pdf'), '--report', join(out, 'report.json'), '--no-ocr', '--json', ...extra];
  return runCli(args);
}

describe('a page limit shared with the Stripe text fields', () => {
  it('lays the packet out for the pages the text fields leave, and names exhibits to drop against that same count', async () => {
    const dir = await phoneCase();
    const out = await tempDir();
    // The roomy layout takes exactly the limit: alone it fits, so nothing is made compact.
    const alone = await build(dir, out, '--max-pages', '6');
    expect(alone.code, alone.stderr).toBe(0);
    const roomy: Report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(roomy.output.pages).toBe(6);

    const fieldsFile = join(out, 'stripe.json');
    const withFields = await build(dir, out, '--max-pages', '6', '--stripe-evidence', fieldsFile);
    expect(withFields.code, withFields.stderr).toBe(0);
    const fields: Record<string, string> = JSON.parse(await readFile(fieldsFile, 'utf8'));
    const textPages = textFieldPages(await loadFonts(), PAPER_SIZES.letter, fields);
    expect(textPages).toBeGreaterThan(0);
    const packed: Report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(packed.exhibits).toHaveLength(PHONES);
    expect(packed.output.pages + textPages).toBeLessThanOrEqual(6);

    // One page fewer cannot be met with every exhibit: the advice counts the text fields too.
    const over = await build(dir, out, '--max-pages', '5', '--stripe-evidence', fieldsFile);
    expect(over.code).toBe(4);
    const error = JSON.parse(over.stdout).error;
    expect(error.code).toBe('BUDGET_PAGES');
    const drop = String(error.details.drop);
    expect(drop).toMatch(/^exhibits? \d/);
    const dropped = new Set([...drop.matchAll(/\d+/g)].map((m) => Number(m[0])));
    expect(dropped.size).toBeLessThan(PHONES);
  }, 300_000);
});
