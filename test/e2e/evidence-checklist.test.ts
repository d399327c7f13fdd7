import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

describe('check shows the evidence checklist', () => {
  it('the sample case: each category the reason needs, with the exhibits that show it, and no warning', async () => {
    const { code, stdout } = await runCli(['check', SAMPLE_CASE, '--no-ocr']);
    expect(code).toBe(0);
    expect(stdout).toContain('evidence for “product unacceptable”, product type service:');
    expect(stdout).toMatch(/present {2}required {4}proof of delivery: exhibit 3/);
    expect(stdout).toMatch(/present {2}required {4}customer communication: exhibit 1/);
    expect(stdout).toMatch(/missing {2}recommended terms and policy: the refund or cancellation policy/);
    expect(stdout).toContain('rules from: https://docs.stripe.com/disputes/categories');
    expect(stdout).toContain('0 errors, 0 warnings');
  });

  it('a case named by its network reason code: the heading names the code and the checklist is its reason’s', async () => {
    const { stdout } = await runCli(['check', join(FIXTURES, 'cases', 'evidence-reason-code'), '--no-ocr']);
    expect(stdout).toContain(
      'evidence for “subscription canceled”, Mastercard reason code 4841 “Canceled Recurring or Digital Goods Transactions”, product type subscription:',
    );
    expect(stdout).toContain('mastercard.us/content/dam/public/mastercardcom/na/global-site/documents/chargeback-guide.pdf');
  });

  it('--json carries the checklist and each exhibit’s categories; a missing required category is EVIDENCE_MISSING', async () => {
    const { code, stdout } = await runCli(['check', join(FIXTURES, 'cases', 'evidence-subscription'), '--json', '--no-ocr', '--strict']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as {
      checklist: { entries: { category: string; need: string; exhibits: number[] }[]; sources: { url: string }[] };
      exhibits: { categories: unknown }[];
      findings: { code: string; args: { category: string } }[];
    };
    expect(
      json.checklist.entries
        .filter((e) => e.exhibits.length === 0 && e.need === 'required')
        .map((e) => e.category)
        .sort(),
    ).toEqual(['proof_of_use', 'terms_and_policy']);
    expect(json.exhibits[0]!.categories).toEqual({ categories: ['customer_communication'], source: 'kind' });
    expect(json.findings.map((f) => [f.code, f.args.category]).sort()).toEqual([
      ['EVIDENCE_MISSING', 'proof_of_use'],
      ['EVIDENCE_MISSING', 'terms_and_policy'],
    ]);
    expect(json.checklist.sources.length).toBeGreaterThan(0);
  });
});
