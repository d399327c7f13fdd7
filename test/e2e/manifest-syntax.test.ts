import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase } from '../helpers/temp-case.js';

async function caseWithYaml(edit: (yaml: string) => string): Promise<string> {
  const dir = await copyCase(SAMPLE_CASE);
  await writeFile(join(dir, 'case.yaml'), edit(await readFile(join(dir, 'case.yaml'), 'utf8')));
  return dir;
}

describe('a case.yaml that does not parse (issue 36, point 6)', () => {
  it('stops check with that one error: line, column and what to fix, and nothing read with defaults', async () => {
    // A second `items:` block, as pasting a hint under the first one makes.
    const dir = await caseWithYaml((y) => `${y}items:\n  - file: receipt.jpg\n    date: 2024-03-05T14:15:00Z\n`);
    const lines = (await readFile(join(dir, 'case.yaml'), 'utf8')).split('\n');
    const second = lines.lastIndexOf('items:') + 1;
    const r = await runCli(['check', dir, '--no-ocr']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`error MANIFEST_SYNTAX  case.yaml:${second}`);
    expect(r.stdout).toContain('(column 1): Map keys must be unique');
    expect(r.stdout).toContain('merge their values');
    expect(r.stdout.match(/^(error|warning|info) /gm)).toEqual(['error ']);
    expect(r.stdout).not.toContain('profile generic');
  });

  it('names the column of a bad indent, and --json carries the one finding', async () => {
    const dir = await caseWithYaml((y) => y.replace('  name: Jane Doe\n', '  name: Jane Doe\n   email: x: y\n'));
    const r = await runCli(['check', dir, '--no-ocr', '--json']);
    expect(r.code).toBe(2);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; line: number; args: { column: number } }[] }).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'MANIFEST_SYNTAX', line: 12, args: { column: 9 } });
  });
});
