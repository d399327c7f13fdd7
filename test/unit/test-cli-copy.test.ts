import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

describe('the CLI the tests run (issue 36, point 11)', () => {
  it('is a private copy of bin/ and dist/, so rebuilding dist/ during a run does not touch it', async () => {
    expect(BIN.startsWith(REPO)).toBe(false);
    expect(await readFile(join(BIN, '..', '..', 'dist', 'index.js'), 'utf8')).toBe(await readFile(join(REPO, 'dist', 'index.js'), 'utf8'));
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
