import { cp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from '../helpers/paths.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

/** The shell commands of docs/walkthrough.md, continuation lines joined. */
async function walkthroughCommands(): Promise<string[]> {
  const text = await readFile(join(REPO, 'docs', 'walkthrough.md'), 'utf8');
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    b
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );
}

/** Words as a POSIX shell splits them (double quotes only: all the walkthrough uses). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('the walkthrough (docs/walkthrough.md), run as written (issue 36)', () => {
  it('init → check → build on the first-night evidence', async () => {
    const parent = await tempDir();
    let cwd = parent;
    const caseDir = join(parent, 'case-dp_5678');
    await cp(join(FIXTURES, 'cases', 'first-night'), caseDir, { recursive: true });
    await rm(join(caseDir, 'case.yaml'));
    const ran: Record<string, CliResult> = {};
    for (const line of await walkthroughCommands()) {
      const [command, ...args] = shellWords(line);
      if (command === 'cd') {
        cwd = join(cwd, args[0]!);
        continue;
      }
      expect(command, line).toBe('evidence-packet');
      const r = await runCli(args, { cwd });
      expect(r.code, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      ran[args[0]!] = r;
    }
    expect(Object.keys(ran)).toEqual(['init', 'check', 'build']);
    expect(ran.init!.stdout).toContain('The deadline 2026-12-09 has no time: read as the end of that day');
    // Nothing wrong in this case: no warning but the deadline's, which depends on the day the test runs.
    expect(ran.check!.stdout.match(/^warning \S+/gm)?.filter((w) => !w.includes('DEADLINE_')) ?? []).toEqual([]);
    expect(ran.build!.stdout).toContain('Wrote ../case-dp_5678-packet.pdf');
    expect((await stat(join(parent, 'case-dp_5678-packet.pdf'))).size).toBeGreaterThan(0);
    expect((await readdir(caseDir)).filter((f) => f.endsWith('.pdf'))).toEqual(['invoice.pdf']);
  });
});
