import type { Stripe } from 'stripe';
import { describe, expect, it } from 'vitest';
import type { Exhibit } from '../../src/evidence/model.js';
import { keyMode, maskKey, openStripe, stripeFailure } from '../../src/processors/stripe/client.js';
import { amountFromMinor, disputeFacts, reasonFromStripe } from '../../src/processors/stripe/dispute-facts.js';
import { fieldForExhibit, type StripeFileField } from '../../src/processors/stripe/evidence-fields.js';
import { mergeCase } from '../../src/processors/merge-case.js';
import { paymentRecord } from '../../src/processors/stripe/payment-record.js';
import { formFields, stagingParams } from '../../src/processors/stripe/push-evidence.js';
import { submitObstacle } from '../../src/processors/stripe/submit-evidence.js';
import type { DisputeSummary } from '../../src/processors/types.js';
import { stripeObject } from '../helpers/stripe-server.js';
import { seeded } from '../helpers/seeded.js';

const dispute = () => stripeObject('dispute') as unknown as Stripe.Dispute;
const charge = () => stripeObject('charge') as unknown as Stripe.Charge;

describe('dispute facts', () => {
  it('converts minor units by the currency’s exponent, back to the same minor units', () => {
    const next = seeded(41);
    for (let i = 0; i < 500; i++) {
      const minor = Math.floor(next() * 1e9);
      for (const [currency, exponent] of [
        ['usd', 2],
        ['JPY', 0],
        ['krw', 0],
        ['kwd', 3],
        ['eur', 2],
        ['bhd', 3],
      ] as const) {
        expect(Math.round(amountFromMinor(minor, currency) * 10 ** exponent)).toBe(minor);
      }
    }
    expect(amountFromMinor(49900, 'usd')).toBe(499);
    expect(amountFromMinor(5000, 'jpy')).toBe(5000);
    expect(amountFromMinor(1234, 'kwd')).toBe(1.234);
  });

  it('reads the case’s facts from the dispute and its charge', () => {
    expect(disputeFacts(dispute(), charge())).toEqual({
      case: 'du_1OqLmZAcme0042',
      profile: 'stripe',
      network: 'visa',
      reason: 'product_unacceptable',
      amount: 499,
      currency: 'USD',
      due: '2024-04-03T03:59:00Z',
      transaction: { id: 'ch_3OqLm2Acme0042', date: '2024-03-05T14:14:02Z' },
      client: { name: 'Jane Doe', email: 'jane.doe@example.com' },
      product: 'Aurora WordPress theme, customised for janes-bakery.example',
    });
  });

  it('falls back to the customer and the receipt email, and leaves out what Stripe does not know', () => {
    const bare = {
      ...charge(),
      billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
      receipt_email: null,
      description: null,
      payment_method_details: { type: 'card', card: { network: 'link' } },
    } as unknown as Stripe.Charge;
    const facts = disputeFacts({ ...dispute(), evidence_details: { ...dispute().evidence_details, due_by: null } } as Stripe.Dispute, bare);
    expect(facts.client).toEqual({ name: 'Jane Doe', email: 'jane.doe@example.com' });
    expect(facts).not.toHaveProperty('network');
    expect(facts).not.toHaveProperty('due');
    expect(facts).not.toHaveProperty('product');
    expect(disputeFacts(dispute(), { ...bare, customer: 'cus_1' } as Stripe.Charge).client).toEqual({});
  });

  it('answers the reasons no letter is written for with the general one', () => {
    expect(reasonFromStripe('fraudulent')).toBe('fraudulent');
    expect(reasonFromStripe('check_returned')).toBe('general');
    expect(reasonFromStripe('noncompliant')).toBe('general');
  });

  it('keeps in the payment record the last four digits only, and masks a card number anywhere else', () => {
    const record = paymentRecord(dispute(), {
      ...charge(),
      billing_details: { ...charge().billing_details, name: 'Jane 4242 4242 4242 4242' },
    } as Stripe.Charge);
    const text = JSON.stringify(record);
    expect(text).not.toMatch(/4242 4242 4242 4242|4242424242424242/);
    expect(Object.fromEntries(record.rows)).toMatchObject({
      Card: 'visa ending 4242, issued in GB',
      '3-D Secure': 'authenticated, version 2.2.0, challenge',
      'IP country': 'GB',
    });
    const noReview = paymentRecord(dispute(), { ...charge(), review: null } as Stripe.Charge);
    expect(Object.fromEntries(noReview.rows)['IP country']).toMatch(/^not known/);
  });
});

describe('merging into case.yaml', () => {
  const facts = disputeFacts(dispute(), charge());
  const item = { file: 'stripe-payment-record.pdf', date: '2024-03-05T14:14:02Z', note: 'Payment record', stripeField: 'uncategorized_file' };

  it('keeps what the user wrote, says where Stripe differs, and compares instants as instants', () => {
    const mine = '# my case\ncase: dp_1\namount: 500 # what I charged\ncurrency: usd\ndue: 2024-04-03T05:59:00+02:00\nclient:\n  email: JANE.DOE@example.com\n';
    const merged = mergeCase(mine, facts, item, 'yaml');
    expect(merged.differences).toEqual([
      { key: 'case', yours: 'dp_1', processor: 'du_1OqLmZAcme0042' },
      { key: 'amount', yours: '500', processor: '499' },
    ]);
    expect(merged.text).toContain('# my case');
    expect(merged.text).toContain('amount: 500 # what I charged');
    expect(merged.added).toEqual(['profile', 'network', 'reason', 'transaction.id', 'transaction.date', 'product', 'client.name', 'items[0]']);
    // A second pull adds nothing: the payment record's entry is there once.
    const again = mergeCase(merged.text, facts, item, 'yaml');
    expect(again.added).toEqual([]);
    expect(again.text).toBe(merged.text);
  });

  it('keeps every value the user wrote and fills every other, over random case files', () => {
    const next = seeded(7);
    const keys: [string[], () => string | number][] = [
      [['case'], () => `dp_${Math.floor(next() * 1000)}`],
      [['amount'], () => Math.round(next() * 100000) / 100],
      [['currency'], () => (next() < 0.5 ? 'USD' : 'EUR')],
      [['reason'], () => (next() < 0.5 ? 'fraudulent' : 'product_unacceptable')],
      [['client', 'name'], () => (next() < 0.5 ? 'Jane Doe' : 'J. Doe')],
      [['client', 'email'], () => 'jane.doe@example.com'],
      [['transaction', 'id'], () => 'ch_other'],
    ];
    const wanted = facts as unknown as Record<string, unknown>;
    const stripeValue = (path: string[]) => path.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], wanted);
    for (let round = 0; round < 200; round++) {
      const mine: Record<string, Record<string, unknown> | unknown> = {};
      const chosen = keys.filter(() => next() < 0.5).map(([path, make]) => [path, make()] as const);
      for (const [path, value] of chosen) {
        if (path.length === 1) mine[path[0]!] = value;
        else mine[path[0]!] = { ...(mine[path[0]!] as object), [path[1]!]: value };
      }
      const merged = mergeCase(JSON.stringify(mine), facts, item, 'json');
      const result = JSON.parse(merged.text) as Record<string, unknown>;
      const get = (path: readonly string[]) => path.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], result);
      for (const [path, value] of chosen) expect(get(path)).toEqual(value);
      for (const [path] of keys.filter(([p]) => !chosen.some(([c]) => c.join('.') === p.join('.')))) expect(get(path)).toEqual(stripeValue(path));
      const differing = chosen
        .filter(([path, value]) => String(value).toLowerCase() !== String(stripeValue(path)).toLowerCase())
        .map(([path]) => path.join('.'));
      expect(merged.differences.map((d) => d.key).sort()).toEqual(differing.sort());
    }
  });

  it('leaves a case.yaml that does not parse as it is', () => {
    expect(() => mergeCase('case: [unclosed\n', facts, item, 'yaml')).toThrow(expect.objectContaining({ code: 'INIT_MANIFEST_INVALID' }));
    expect(() => mergeCase('- a list\n', facts, item, 'yaml')).toThrow(expect.objectContaining({ code: 'INIT_MANIFEST_INVALID' }));
  });

  it('keeps a case.json JSON', () => {
    const merged = mergeCase('{ "case": "dp_9", "items": [] }', facts, item, 'json');
    expect(JSON.parse(merged.text)).toMatchObject({ case: 'dp_9', amount: 499, items: [item] });
  });
});

describe('evidence fields', () => {
  const exhibit = (file: string, kind: Exhibit['kind'], note?: string) =>
    ({ file, kind, ...(note ? { note: { value: note, source: 'case.yaml' } } : {}) }) as unknown as Exhibit;
  const none = new Map<string, StripeFileField>();

  it('files an exhibit by stripeField, then words in its name or note, then its kind', () => {
    expect(fieldForExhibit(exhibit('whatsapp.txt', 'chat'), none)).toBe('customer_communication');
    expect(fieldForExhibit(exhibit('receipts/INV-0042.pdf', 'document'), none)).toBe('receipt');
    expect(fieldForExhibit(exhibit('scan.png', 'image', 'Invoice INV-0042, paid in full'), none)).toBe('receipt');
    expect(fieldForExhibit(exhibit('refund_policy.pdf', 'document'), none)).toBe('refund_policy');
    expect(fieldForExhibit(exhibit('terms-of-service.png', 'image'), none)).toBe('cancellation_policy');
    expect(fieldForExhibit(exhibit('ups-tracking.png', 'image'), none)).toBe('shipping_documentation');
    expect(fieldForExhibit(exhibit('deceipt.png', 'image'), none)).toBe('uncategorized_file');
    expect(fieldForExhibit(exhibit('live-site.png', 'image'), none)).toBe('uncategorized_file');
    expect(fieldForExhibit(exhibit('whatsapp.txt', 'chat'), new Map([['whatsapp.txt', 'service_documentation']]))).toBe('service_documentation');
  });
});

describe('staging and submitting', () => {
  it('form-encodes the staging body as Stripe’s SDK does', () => {
    expect(formFields(stagingParams({ customer_name: 'Jane' }, { receipt: 'file_1' }) as Record<string, unknown>)).toEqual({
      'evidence[customer_name]': 'Jane',
      'evidence[receipt]': 'file_1',
      submit: 'false',
      intended_submission_method: 'manual',
    });
  });

  it('refuses to submit past the deadline, without one, or a second time', () => {
    const open: DisputeSummary = {
      id: 'du_1',
      status: 'needs_response',
      reason: 'fraudulent',
      amount: 100,
      currency: 'usd',
      livemode: false,
      dueBy: '2099-01-01T00:00:00Z',
      pastDue: false,
      submissionCount: 0,
      hasEvidence: true,
    };
    expect(submitObstacle(open)).toBeUndefined();
    expect(submitObstacle({ ...open, pastDue: true })).toMatch(/deadline .* has passed/);
    expect(submitObstacle({ ...open, dueBy: null })).toMatch(/no response deadline/);
    expect(submitObstacle({ ...open, submissionCount: 1 })).toMatch(/already submitted 1 time/);
  });
});

describe('keys and failures', () => {
  const key = 'rk_live_51HxTopSecretKeyValueWXYZ';

  it('names the mode and shows the last four characters only', () => {
    expect(keyMode(key)).toBe('live');
    expect(keyMode('sk_test_abc')).toBe('test');
    expect(maskKey(key)).toBe('rk_live_…WXYZ');
  });

  it('never puts the key in a failure, and gives each failure its code', () => {
    const rejected = stripeFailure({ statusCode: 401, message: `Invalid API Key provided: ${key}` }, { apiKey: key }, 'reading dispute du_1');
    expect(rejected.code).toBe('STRIPE_KEY_REJECTED');
    expect(`${rejected.message} ${rejected.hint}`).not.toContain(key);
    expect(rejected.message).toContain('live mode, key rk_live_…WXYZ');
    expect(stripeFailure({ statusCode: 400, code: 'dispute_evidence_page_limit_exceeded', message: 'too many pages' }, { apiKey: key }, 'x').exitCode).toBe(4);
    expect(stripeFailure({ type: 'StripeConnectionError', message: 'socket hang up' }, { apiKey: key }, 'x').code).toBe('STRIPE_UNREACHABLE');
    expect(stripeFailure({ statusCode: 429, message: 'rate' }, { apiKey: key }, 'x').code).toBe('STRIPE_UNREACHABLE');
    expect(stripeFailure({ statusCode: 400, code: 'parameter_unknown', message: 'bad' }, { apiKey: key }, 'x').code).toBe('STRIPE_REFUSED');
  });

  it('takes only a secret or restricted key, and STRIPE_API_BASE only as a base URL', async () => {
    await expect(openStripe({ apiKey: 'pk_test_123' })).rejects.toMatchObject({ code: 'STRIPE_KEY_REJECTED' });
    await expect(openStripe({ apiKey: '' })).rejects.toMatchObject({ code: 'STRIPE_KEY_MISSING' });
    await expect(openStripe({ apiKey: 'sk_test_1', apiBase: 'ftp://x' })).rejects.toMatchObject({ code: 'STRIPE_API_BASE_INVALID' });
    await expect(openStripe({ apiKey: 'sk_test_1', apiBase: 'http://127.0.0.1:1/v1' })).rejects.toMatchObject({ code: 'STRIPE_API_BASE_INVALID' });
    await expect(openStripe({ apiKey: 'sk_test_1', apiBase: 'http://127.0.0.1:12111' })).resolves.toBeDefined();
  });
});
