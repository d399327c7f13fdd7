import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../src/pipeline/build.js';
import { REPO, SAMPLE_CASE } from '../helpers/paths.js';

/** Compares with a committed file; UPDATE_GOLDEN=1 rewrites it after a deliberate change. */
async function matchGolden(name: string, value: unknown): Promise<void> {
  const path = join(REPO, 'test', 'golden', name);
  const text = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN) await writeFile(path, text);
  expect(text).toBe(await readFile(path, 'utf8'));
}

describe('golden: the sample packet plan', () => {
  it('keeps order, pages, dates and bytes per exhibit', async () => {
    const result = await buildPacket(SAMPLE_CASE);
    if (!result.ok) throw new Error(`sample case failed: ${result.check.findings.map((f) => f.code).join(', ')}`);
    const { report, check } = result;
    await matchGolden('sample-plan.json', {
      pages: check.plan!.pages.map((p) => `${p.kind}: ${p.label}`),
      exhibits: report.exhibits.map((e) => ({
        number: e.number,
        file: e.file,
        date: e.date,
        pages: e.pages,
        embedded: e.embedded,
      })),
      sources: report.sources,
    });
  });
});
