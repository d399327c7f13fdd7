import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';

/** Our cases with nothing wrong in them: check must give no warning (issue 36, point 7). */
const CLEAN_CASES = [SAMPLE_CASE, ...['first-night', 'attachments', 'helpdesk-inline', 'scripts'].map((c) => join(FIXTURES, 'cases', c))];

interface JsonFinding {
  code: string;
  severity: string;
  file?: string;
}

describe('a case with nothing wrong gets no warning (issue 36, point 7)', () => {
  /** `check --json` of a fixture case, run once for the tests that read it (check writes nothing). */
  const checked = shareRuns((dir) => runCli(['check', dir, '--json']));

  for (const dir of CLEAN_CASES) {
    it(`${dir.slice(FIXTURES.length + 1)}: no warning, no error`, async () => {
      const r = await checked(dir);
      const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
      expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.file ?? ''}`)).toEqual([]);
      expect(r.code).toBe(0);
    });
  }

  it('cases/documents: its PDFs answer its reason only in part, and that is its only warning', async () => {
    // An agreement, a contract, an invoice and a capture: no conversation and no delivery record
    // for a "product unacceptable" dispute. The checklist says so; nothing else is wrong.
    const r = await runCli(['check', join(FIXTURES, 'cases', 'documents'), '--json']);
    const findings = (JSON.parse(r.stdout) as { findings: (JsonFinding & { args: { category?: string } })[] }).findings;
    const warned = findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.args.category ?? ''}`);
    expect(warned.sort()).toEqual(['EVIDENCE_MISSING customer_communication', 'EVIDENCE_MISSING proof_of_delivery']);
    expect(r.code).toBe(0);
  });

  it('a delivery email to the client is a conversation with the client, and its attachment is not asked to show them', async () => {
    const r = await checked(join(FIXTURES, 'cases', 'first-night'));
    const codes = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => `${f.code} ${f.file}`);
    expect(codes).not.toContain('CHAT_CLIENT_ABSENT delivery.eml');
    expect(codes.filter((c) => c.includes('delivery.eml/live-site.png'))).toEqual([]);
  });
});
