import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/check.js';
import type { PacketPlan } from '../../src/document/index.js';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

/**
 * The packet plan as a table (publint's testFixture style): a case in, each page's kind,
 * orientation and header label out, laid out in-process without drawing a PDF or spawning
 * the CLI. A change in how exhibits are laid out shows here as one row that moved.
 */

const CASE_YAML = `case: dp_plan
profile: generic
timezone: Europe/London
client: { name: Dana Client, email: dana@example.com }
merchant: { name: Sam Seller, email: sam@seller.example }
`;

/**
 * A case folder of generated files: images by size, each with its own text and kept whole
 * (trim: false, so their white borders count), named as Android screenshots for their
 * dates; text files as they are; fixture files copied.
 */
async function caseOf(files: Record<string, [number, number] | string | { copy: string }>): Promise<string> {
  const dir = await tempDir('ep-plan-');
  const images = Object.keys(files).filter((name) => name.endsWith('.png'));
  const items = images.map((name) => `  - { file: ${name}, trim: false }\n`).join('');
  await writeFile(join(dir, 'case.yaml'), items ? `${CASE_YAML}items:\n${items}` : CASE_YAML);
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') await writeFile(join(dir, name), content);
    else if ('copy' in content) await copyFile(content.copy, join(dir, name));
    // Each image its own background: two alike would be one image given twice (ITEM_DUPLICATE).
    else
      await writeFile(
        join(dir, name),
        await makePng(content[0], content[1], `Order delivered (${name})`, ['#ffffff', '#eef2ff', '#fff4e8'][images.indexOf(name) % 3]),
      );
  }
  return dir;
}

/** One row per page: "kind orientation: label". */
function rows(plan: PacketPlan | undefined, paper: { width: number; height: number }): string[] {
  return (plan?.pages ?? []).map((page) => {
    const size = page.size ?? paper;
    return `${page.kind} ${size.width > size.height ? 'landscape' : 'portrait'}: ${page.label}`;
  });
}

const LETTER = { width: 612, height: 792 };
const A4 = { width: 595.28, height: 841.89 };
const chat = (day: number, lines: readonly string[]) =>
  lines.map((l, k) => `${day}/03/2024, 10:${String(10 + k).padStart(2, '0')} - Dana Client: ${l}`).join('\n') + '\n';

interface Row {
  readonly name: string;
  readonly folder: () => Promise<string>;
  readonly paper?: 'letter' | 'a4';
  readonly pages: readonly string[];
}

const TABLE: readonly Row[] = [
  {
    name: 'one phone capture: a portrait page of its own',
    folder: () => caseOf({ 'Screenshot_20240314-102400.png': [390, 844] }),
    pages: ['cover portrait: Cover · Index of exhibits', 'exhibit portrait: Exhibit 1', 'appendix portrait: Appendix'],
  },
  {
    name: 'two phone captures in a row share a page side by side',
    folder: () => caseOf({ 'Screenshot_20240314-102400.png': [390, 844], 'Screenshot_20240314-103000.png': [390, 844] }),
    pages: ['cover portrait: Cover · Index of exhibits', 'exhibit portrait: Exhibits 1–2', 'appendix portrait: Appendix'],
  },
  {
    name: 'a wide desktop capture turns its page to landscape',
    folder: () => caseOf({ 'Screenshot_20240314-102400.png': [2400, 900] }),
    pages: ['cover portrait: Cover · Index of exhibits', 'exhibit landscape: Exhibit 1', 'appendix portrait: Appendix'],
  },
  {
    name: 'a tall scroll capture is sliced over pages at a readable size',
    folder: () => caseOf({ 'Screenshot_20240314-102400.png': [800, 6000] }),
    pages: ['cover portrait: Cover · Index of exhibits', ...Array<string>(7).fill('exhibit portrait: Exhibit 1'), 'appendix portrait: Appendix'],
  },
  {
    name: 'two short transcript excerpts in a row share a page',
    folder: () =>
      caseOf({ 'first.txt': chat(13, ['Hello', 'The files?']), 'second.txt': chat(15, ['Got them', 'Thanks']), 'Screenshot_20240320-102400.png': [390, 844] }),
    pages: ['cover portrait: Cover · Index of exhibits', 'exhibit portrait: Exhibits 1–2', 'exhibit portrait: Exhibit 3', 'appendix portrait: Appendix'],
  },
  {
    name: 'a PDF of three pages: a page each, under one exhibit number, on A4',
    folder: () => caseOf({ 'agreement.pdf': { copy: join(FIXTURES, 'cases', 'documents', 'agreement.pdf') } }),
    paper: 'a4',
    pages: ['cover portrait: Cover · Index of exhibits', ...Array<string>(3).fill('exhibit portrait: Exhibit 1'), 'appendix portrait: Appendix'],
  },
  {
    name: 'the sample case',
    folder: async () => SAMPLE_CASE,
    pages: [
      'cover portrait: Cover',
      'index portrait: Index of exhibits',
      'exhibit portrait: Exhibit 1',
      'exhibit landscape: Exhibit 2',
      'exhibit landscape: Exhibit 3',
      'exhibit landscape: Exhibit 4',
      'appendix portrait: Appendix',
    ],
  },
];

describe('the packet plan, case by case', () => {
  for (const row of TABLE) {
    it(row.name, async () => {
      const check = await checkCase(await row.folder(), { nowMs: Date.UTC(2024, 3, 1), ...(row.paper ? { paper: row.paper } : {}) });
      expect(rows(check.plan, row.paper === 'a4' ? A4 : LETTER)).toEqual(row.pages);
    }, 30_000);
  }
});
