import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPUTE_REASONS } from '../../src/evidence/manifest-schema.js';
import type { CaseInfo } from '../../src/evidence/model.js';
import { fillCoverLetter, makeCoverLetter } from '../../src/letter/cover-letter.js';
import { markdownToPlain } from '../../src/letter/markdown.js';
import { checkCase } from '../../src/pipeline/check.js';
import { stripeEvidenceFields, STRIPE_LONG_TEXT_LIMIT } from '../../src/reporters/stripe-evidence.js';
import { checkDeadline } from '../../src/rules/deadline.js';
import { describeProven } from '../../src/rules/check-evidence.js';
import { parseIsoDate } from '../../src/evidence/dates.js';
import { REPO, SAMPLE_CASE } from '../helpers/paths.js';

const values = { case: 'dp_1', 'client.name': 'Jane Doe', amount: 'USD 5.00' };

describe('fillCoverLetter', () => {
  it('fills placeholders and leaves optional sections out when they have no value', () => {
    const letter = fillCoverLetter('Case {{case}} for {{client.name}}{{#order}}, order {{order}}{{/order}}: {{amount}}.', 't.md', values);
    expect(letter.text).toBe('Case dp_1 for Jane Doe: USD 5.00.');
    expect(letter.findings).toEqual([]);
  });

  it('fills values as text, not Markdown: the letter’s marks are read, the case’s values print as they are', () => {
    const template = '**Order {{order}}**\n\n{{summary}}\n\nSee [{{case}}](https://example.com/{{case}}).';
    const letter = fillCoverLetter(template, 't.md', { ...values, order: '*A_1* <b>', summary: '1. Delivered [late](x) `twice` # \\ ~~no~~' });
    expect(markdownToPlain(letter.text)).toBe('Order *A_1* <b>\n\n1. Delivered [late](x) `twice` # \\ ~~no~~\n\nSee dp_1 (https://example.com/dp_1).');
  });

  it('names an unknown placeholder and its line, and fills nothing', () => {
    const letter = fillCoverLetter('Dear bank,\n\n{{client.nmae}} paid {{amount}}.\n{{#oder}}x{{/oder}}', 'my-letter.md', values);
    expect(letter.findings.map((f) => [f.code, f.file, f.line, f.args.name])).toEqual([
      ['COVER_UNKNOWN_PLACEHOLDER', 'my-letter.md', 3, 'client.nmae'],
      ['COVER_UNKNOWN_PLACEHOLDER', 'my-letter.md', 4, 'oder'],
    ]);
    expect(letter.text).toBe('');
  });

  it('warns about a needed value the case does not give, and says so in the letter', () => {
    const letter = fillCoverLetter('Ticket {{ticket}} and again {{ticket}}.', 't.md', values);
    expect(letter.findings.map((f) => [f.code, f.args.name])).toEqual([['COVER_VALUE_MISSING', 'ticket']]);
    expect(letter.text).toBe('Ticket [the support ticket id not given] and again [the support ticket id not given].');
  });

  it('reports a template that does not parse', () => {
    expect(fillCoverLetter('{{#order}} open', 't.md', values).findings.map((f) => f.code)).toEqual(['COVER_TEMPLATE_INVALID']);
  });
});

describe('the built-in letters', () => {
  it('has one template per dispute reason', async () => {
    const files = (await readdir(join(REPO, 'templates', 'cover'))).sort();
    expect(files).toEqual([...DISPUTE_REASONS].sort().map((r) => `${r}.md`));
  });

  // One check of the sample case serves every reason's letter: each only reads it.
  let sampleCheck: ReturnType<typeof checkCase> | undefined;
  it.each(DISPUTE_REASONS)('golden: %s filled from the sample case', async (reason) => {
    sampleCheck ??= checkCase(SAMPLE_CASE);
    const check = await sampleCheck;
    const info: CaseInfo = { ...check.analysis.info, reason };
    const letter = await makeCoverLetter(info, check.exhibits, Date.UTC(2024, 2, 28, 9), { proves: describeProven(check.evidence!) });
    expect(letter.findings).toEqual([]);
    expect(letter.text).toContain('Jane Doe');
    expect(letter.text).toContain('USD 499.00');
    expect(letter.text).toContain('- Exhibit 4, 2024-03-28 09:00:00 UTC+00:00');
    expect(letter.text).toContain(
      'the exhibits give: customer communication (Exhibit 1); proof of delivery (Exhibit 3); proof of use (Exhibit 4); receipt (Exhibit 2).',
    );
    const golden = join(REPO, 'test', 'golden', 'letters', `${reason}.md`);
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, letter.text + '\n');
    expect(letter.text + '\n').toBe(await readFile(golden, 'utf8'));
  });
});

describe('checkDeadline', () => {
  const info = (due: string, timezone?: string) =>
    ({
      id: 'x',
      folder: '/x',
      manifestFile: 'case.yaml',
      profile: 'generic',
      client: { aliases: [] },
      merchant: {},
      due: parseIsoDate(due, 'manifest', timezone),
      ...(timezone ? { timezone: { value: timezone, source: 'case.yaml' } } : {}),
    }) as CaseInfo;
  const now = Date.UTC(2024, 3, 1, 12);

  it('warns (never blocks) once the deadline has passed, showing it in the case’s zone and the user’s', () => {
    const [finding] = checkDeadline(info('2024-03-30T23:59:00-04:00', 'Europe/London'), now, 'Asia/Tokyo');
    expect(finding).toMatchObject({
      code: 'DEADLINE_PASSED',
      severity: 'warning',
      path: 'due',
      args: { due: '2024-03-31 04:59:00 UTC+01:00 Europe/London', local: '2024-03-31 12:59:00 UTC+09:00 Asia/Tokyo', ago: '32 h' },
    });
  });

  it('warns with under three days left, and is quiet before that', () => {
    expect(checkDeadline(info('2024-04-03T12:00:00Z'), now, 'UTC').map((f) => [f.code, f.args.left])).toEqual([['DEADLINE_SOON', '2 days']]);
    expect(checkDeadline(info('2024-04-05T12:00:00Z'), now, 'UTC')).toEqual([]);
  });
});

describe('stripeEvidenceFields', () => {
  const base = {
    id: 'x',
    folder: '/x',
    profile: 'stripe',
    client: { name: { value: 'Jane', source: 'case.yaml' }, email: { value: 'j@x.com', source: 'case.yaml' }, aliases: [] },
    merchant: {},
  } as CaseInfo;

  it('puts the letter in the field Stripe has for the reason', () => {
    expect(Object.keys(stripeEvidenceFields({ ...base, reason: 'duplicate' }, 'Letter').fields)).toEqual([
      'customer_name',
      'customer_email_address',
      'duplicate_charge_explanation',
    ]);
    expect(stripeEvidenceFields({ ...base, reason: 'fraudulent' }, '# Title\n\nLine one\nline two\n\n- a\n- b').fields.uncategorized_text).toBe(
      'Title\n\nLine one line two\n\n• a\n• b',
    );
  });

  it('keeps each field within Stripe’s limit and says when it cut one', () => {
    const result = stripeEvidenceFields(base, 'x'.repeat(STRIPE_LONG_TEXT_LIMIT + 10));
    expect(result.fields.uncategorized_text).toHaveLength(STRIPE_LONG_TEXT_LIMIT);
    expect(result.findings.map((f) => f.code)).toEqual(['STRIPE_FIELD_TRUNCATED']);
  });
});
