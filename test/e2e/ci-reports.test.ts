import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase } from '../helpers/temp-case.js';

const BROKEN = join(FIXTURES, 'cases', 'broken-inputs');

interface TestCase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_type': string; '#text': string } | { '@_type': string; '#text': string }[];
  'system-out'?: string;
}

function parseJunit(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' || name === 'failure' }).parse(xml);
  const suite = doc.testsuites.testsuite;
  const cases = suite.testcase as TestCase[];
  const failed = Object.fromEntries(cases.filter((c) => c.failure).map((c) => [c['@_name'], (c.failure as { '@_type': string }[]).map((f) => f['@_type'])]));
  return { suite, cases, failed };
}

describe('check --format junit', () => {
  it('writes valid JUnit XML with a test case per file and per case rule, failures for errors', async () => {
    const r = await runCli(['check', BROKEN, '--format', 'junit']);
    expect(r.code).toBe(1);
    const { suite, cases, failed } = parseJunit(r.stdout);
    expect(suite['@_failures']).toBe('4');
    expect(Number(suite['@_tests'])).toBe(cases.length);
    expect(failed).toEqual({
      'Screenshot_20240301-120500-truncated.png': ['ITEM_UNREADABLE'],
      'empty.png': ['ITEM_UNREADABLE'],
      'huge-30000x30000.png': ['ITEM_IMAGE_TOO_LARGE'],
      'notes.png': ['ITEM_UNREADABLE'],
    });
    const names = cases.map((c) => c['@_name']);
    expect(names).toContain('Screenshot_20240301-120000.png');
    expect(names).toContain('client name and email are known');
    expect(cases.find((c) => c['@_name'] === 'empty.png')?.failure).toBeDefined();
  });

  it('puts warnings in system-out, and fails them with --strict', async () => {
    const soon = new Date(Date.now() + 24 * 3600_000).toISOString();
    const plain = await runCli(['check', SAMPLE_CASE, '--format', 'junit', '--due', soon]);
    expect(plain.code).toBe(0);
    const loose = parseJunit(plain.stdout);
    expect(loose.failed).toEqual({});
    expect(loose.cases.find((c) => c['@_name'] === 'the deadline has not passed')?.['system-out']).toContain('warning DEADLINE_SOON');

    const strict = await runCli(['check', SAMPLE_CASE, '--format', 'junit', '--due', soon, '--strict']);
    expect(strict.code).toBe(1);
    // The deadline a day away is a warning, so a failure with --strict.
    expect(parseJunit(strict.stdout).failed).toEqual({ 'the deadline has not passed': ['DEADLINE_SOON'] });
  });

  it('escapes markup and drops control characters XML cannot hold; reports the page limit as a case rule', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    await writeFile(join(dir, 'case.yaml'), yaml.replace(/^case:/m, '"<a&b\\u0007>": 1\ncase:'));
    const r = await runCli(['check', dir, '--format', 'junit', '--max-pages', '3']);
    expect(r.code).toBe(2);
    const { failed } = parseJunit(r.stdout);
    // The rest of the manifest is still read: the screenshot dated only there keeps its date.
    expect(failed).toEqual({
      'case.yaml is valid': ['MANIFEST_UNKNOWN_KEY'],
      'within the page limit': ['PACKET_OVER_PAGE_LIMIT'],
    });
    expect(r.stdout).toContain('&lt;a&amp;b');
    expect(r.stdout).not.toContain('\u0007');
  });
});

describe('check --format github', () => {
  it('prints one workflow command per finding with the file relative to the working directory', async () => {
    const r = await runCli(['check', relative(process.cwd(), BROKEN), '--format', 'github'], { cwd: process.cwd() });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(4);
    expect(lines).toContain(
      '::error file=fixtures/cases/broken-inputs/huge-30000x30000.png,title=ITEM_IMAGE_TOO_LARGE::30000 × 30000 pixels is more than the 100 megapixels evidence-packet decodes%0A→ Crop the image to the part that matters (or split a scroll capture) before adding it.',
    );
    expect(lines.at(-1)).toBe('evidence-packet check fixtures/cases/broken-inputs: 4 error(s), 2 warning(s), exit 1');
  });

  it('gives case-wide findings the manifest as their file', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const r = await runCli(['check', '.', '--format', 'github', '--due', '2000-01-01T00:00:00Z', '--strict'], { cwd: dir });
    expect(r.code).toBe(1);
    const deadline = r.stdout.split('\n').find((l) => l.includes('title=DEADLINE_PASSED'));
    expect(deadline).toMatch(/^::(error|warning) file=case\.yaml,title=DEADLINE_PASSED \(due\)::/);
    expect(deadline).not.toMatch(/::.*\n/);
  });
});
