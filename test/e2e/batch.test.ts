import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

interface CaseLine {
  case: string;
  status: string;
  exitCode: number;
  pages?: number;
  bytes?: number;
  sha256?: string;
  findings: { code: string; severity: string }[];
  staleOutput?: boolean;
}

/** A small case: one screenshot dated by its name, the client in case.yaml. */
async function smallCase(dir: string, id: string): Promise<void> {
  await mkdir(join(dir, 'screenshots'), { recursive: true });
  await writeFile(join(dir, 'case.yaml'), `case: ${id}\nprofile: stripe\ntimezone: Europe/London\nclient: { name: Jane Doe, email: jane.doe@example.com }\n`);
  await writeFile(join(dir, 'screenshots', 'Screenshot_20240305-141208.png'), await makePng(900, 500, 'Order confirmed'));
}

async function makeRoot(): Promise<string> {
  const root = join(await tempDir(), 'disputes');
  await smallCase(join(root, 'acme', 'dp_1'), 'dp_1');
  await smallCase(join(root, 'acme', 'dp_2'), 'dp_1');
  await cp(join(FIXTURES, 'cases', 'broken-inputs'), join(root, 'broken'), { recursive: true });
  return root;
}

const byCase = (cases: CaseLine[]) => Object.fromEntries(cases.map((c) => [c.case, c]));

describe('evidence-packet batch', () => {
  it('builds every case, keeps going past a broken one, exits with the worst code and writes the report', async () => {
    const root = await makeRoot();
    const out = join(root, '..', 'packets');
    const r = await runCli(['batch', root, '--out', out, '--concurrency', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/acme-dp_1\s+built\s+3/);
    expect(r.stdout).toMatch(/broken\s+failed \(exit 1\)/);
    expect(r.stdout).toContain('3 case(s): 2 built, 0 unchanged, 1 failed');
    // Without a TTY, progress is one plain line per case on stderr.
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/^\[\d\/3\] acme-dp_1 built 3 pages/m);

    const report = JSON.parse(await readFile(join(out, 'batch-report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ cases: 3, built: 2, unchanged: 0, failed: 1, exitCode: 1, concurrency: 2 });
    const cases = byCase(report.cases);
    expect(cases.broken).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(
      cases
        .broken!.findings.filter((f) => f.severity === 'error')
        .map((f) => f.code)
        .sort(),
    ).toEqual(['ITEM_IMAGE_TOO_LARGE', 'ITEM_UNREADABLE', 'ITEM_UNREADABLE', 'ITEM_UNREADABLE']);
    const pdf = await readPdf(join(out, 'acme-dp_1.pdf'));
    expect(pdf.pageCount).toBe(3);
    expect(cases['acme-dp_1']!.bytes).toBe((await stat(join(out, 'acme-dp_1.pdf'))).size);
    // The same inputs give the same bytes, whichever worker built them.
    expect(cases['acme-dp_1']!.sha256).toBe(cases['acme-dp_2']!.sha256);
    await expect(stat(join(out, 'broken.pdf'))).rejects.toThrow();
  });

  it('skips unchanged cases, rebuilds a changed one, and --force rebuilds all', async () => {
    const root = await makeRoot();
    const out = join(root, '..', 'packets');
    await runCli(['batch', root, '--out', out, '--json']);
    const again = JSON.parse((await runCli(['batch', root, '--out', out, '--json'])).stdout);
    expect(again.cases.map((c: CaseLine) => [c.case, c.status])).toEqual([
      ['acme-dp_1', 'unchanged'],
      ['acme-dp_2', 'unchanged'],
      ['broken', 'failed'],
    ]);
    await writeFile(join(root, 'acme', 'dp_2', 'screenshots', 'Screenshot_20240305-141208.png'), await makePng(800, 600, 'changed'));
    const changed = JSON.parse((await runCli(['batch', root, '--out', out, '--json'])).stdout);
    expect(byCase(changed.cases)['acme-dp_1']!.status).toBe('unchanged');
    expect(byCase(changed.cases)['acme-dp_2']!.status).toBe('built');
    // A packet removed from the output folder is rebuilt even though the inputs did not change.
    await writeFile(join(out, 'acme-dp_1.pdf'), 'tampered');
    const forced = JSON.parse((await runCli(['batch', root, '--out', out, '--json', '--max-pages', '40'])).stdout);
    expect(forced.cases.filter((c: CaseLine) => c.status === 'built')).toHaveLength(2);
    const force = JSON.parse((await runCli(['batch', root, '--out', out, '--json', '--max-pages', '40', '--force'])).stdout);
    expect(force.summary).toMatchObject({ built: 2, unchanged: 0 });
  });

  it('builds a deterministic share with --shard; the shares cover every case once', async () => {
    const root = await makeRoot();
    const shares = [];
    for (const shard of ['1/2', '2/2']) {
      const r = await runCli(['batch', root, '--out', join(root, '..', `out-${shard[0]}`), '--shard', shard, '--json']);
      const json = JSON.parse(r.stdout);
      expect(json.shard).toEqual({ index: Number(shard[0]), count: 2 });
      shares.push(...json.cases.map((c: CaseLine) => c.case));
    }
    expect(shares.sort()).toEqual(['acme-dp_1', 'acme-dp_2', 'broken']);
  });

  it('names the folders it skipped, builds one case by its id and writes batch-report.csv', async () => {
    const root = await makeRoot();
    await smallCase(join(root, 'acme', 'dp_3'), 'dp_3');
    // A case.yaml whose values a spreadsheet would run, with quotes, commas and a card number.
    await writeFile(
      join(root, 'acme', 'dp_3', 'case.yaml'),
      'case: dp_3\nprofile: stripe\ntimezone: Europe/London\namount: 1850\ncurrency: USD\ndue: 2026-12-09\nclient: { name: \'=HYPERLINK("x"), card 4242 4242 4242 4242\', email: jane@example.com }\n',
    );
    await mkdir(join(root, 'acme', 'dp_4', 'screenshots'), { recursive: true });
    await writeFile(join(root, 'acme', 'dp_4', 'screenshots', 'Screenshot_20240305-141208.png'), await makePng(100, 100, 'x'));
    await mkdir(join(root, 'empty-folder'));
    const out = join(root, '..', 'packets');

    const one = await runCli(['batch', root, '--out', out, '--case', 'dp_3']);
    expect(one.code, one.stdout).toBe(0);
    expect(one.stdout).toContain('1 case(s): 1 built');
    expect(one.stdout).toContain('Skipped 1 folder(s) without a case.yaml: acme/dp_4');
    const report = JSON.parse(await readFile(join(out, 'batch-report.json'), 'utf8'));
    expect(report.skipped).toEqual(['acme/dp_4']);
    const csv = await readFile(join(out, 'batch-report.csv'), 'utf8');
    expect(csv).not.toContain('4242 4242');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('case,dispute id,client,amount,due,status,pages,size,file');
    const size = (await stat(join(out, 'acme-dp_3.pdf'))).size;
    expect(lines[1]).toBe(`acme-dp_3,dp_3,"'=HYPERLINK(""x""), card [card ending 4242]","USD 1,850.00",2026-12-09,built,3,${size},acme-dp_3.pdf`);
    expect(lines).toHaveLength(3); // the header, one case, and the empty string after the last CRLF

    const none = await runCli(['batch', root, '--out', out, '--case', 'dp_9']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('BATCH_CASE_NOT_FOUND');
    expect(none.stderr).toContain('broken_1, dp_1, dp_3');
  });

  it('refuses an output folder inside a case, a root without cases and bad flags, with exit 2', async () => {
    const root = await makeRoot();
    const inside = await runCli(['batch', root, '--out', join(root, 'acme', 'dp_1', 'out')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('BATCH_OUT_INSIDE_CASE');
    const empty = join(await tempDir(), 'empty');
    await mkdir(empty);
    const none = await runCli(['batch', empty, '--out', join(empty, '..', 'o')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no case folder under');
    const bad = await runCli(['batch', root, '--out', join(root, '..', 'o'), '--concurrency', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency "0"');
    const shard = await runCli(['batch', root, '--out', join(root, '..', 'o'), '--shard', '3/2']);
    expect(shard.code).toBe(2);
  });
});
