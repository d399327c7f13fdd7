import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SAMPLE_CASE } from './paths.js';
import { type CliResult, runCli } from './run-cli.js';
import { copyCase } from './temp-case.js';

/** A copy of a case whose case.yaml is changed by `edit` (a case the test varies, the fixture untouched). */
export async function editCase(source: string, edit: (yaml: string) => string): Promise<string> {
  const dir = await copyCase(source);
  const path = join(dir, 'case.yaml');
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return dir;
}

/** A copy of a case's evidence without its case.yaml: what `init` starts from. */
export async function evidenceOnly(source: string = SAMPLE_CASE): Promise<string> {
  const dir = await copyCase(source);
  await rm(join(dir, 'case.yaml'));
  return dir;
}

/** `init --yes` naming the sample case's client, with the flags the test adds. */
export function initYes(dir: string, flags: string[] = [], options?: Parameters<typeof runCli>[1]): Promise<CliResult> {
  return runCli(['init', dir, '--yes', '--client-name', 'Jane Doe', '--client-email', 'jane.doe@example.com', ...flags], options);
}
