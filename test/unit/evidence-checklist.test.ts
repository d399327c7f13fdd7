import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPUTE_REASONS, EVIDENCE_CATEGORIES, PRODUCT_TYPES } from '../../src/evidence/manifest-schema.js';
import type { CaseInfo, Exhibit } from '../../src/evidence/model.js';
import { checkCase } from '../../src/pipeline/check.js';
import { categorizeExhibit } from '../../src/rules/categorize-exhibit.js';
import { checkEvidence, describeProven } from '../../src/rules/check-evidence.js';
import { CHECKLIST_REASONS, CHECKLIST_RULES, RULE_SOURCES, checklistReason, rulesFor } from '../../src/rules/evidence-checklist.js';
import { NETWORK_REASON_CODES, lookUpReasonCode } from '../../src/rules/network-reason-codes.js';
import { FIXTURES } from '../helpers/paths.js';

describe('the evidence rule table', () => {
  it.each(CHECKLIST_REASONS.flatMap((reason) => PRODUCT_TYPES.map((type) => [reason, type] as const)))('%s × %s has a row with its source', (reason, type) => {
    const rows = rulesFor(reason, type);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.flatMap((r) => r.required).length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.sources.length).toBeGreaterThan(0);
      for (const id of row.sources) expect(RULE_SOURCES[id].url).toMatch(/^https:\/\/\S+$/);
    }
  });

  it('gives every row, and every network reason code, sources that resolve to a title and a URL', () => {
    const resolves = (id: string) => {
      const source = (RULE_SOURCES as Record<string, { title: string; url: string } | undefined>)[id];
      expect(source, id).toBeDefined();
      expect(source!.title.length).toBeGreaterThan(10);
      expect(source!.url).toMatch(/^https:\/\/[^\s/]+\/\S*$/);
    };
    for (const row of [...CHECKLIST_RULES, ...NETWORK_REASON_CODES]) {
      expect(row.sources.length).toBeGreaterThan(0);
      row.sources.forEach(resolves);
    }
    // No source is listed that no row cites.
    const cited = new Set([...CHECKLIST_RULES, ...NETWORK_REASON_CODES].flatMap((r) => r.sources));
    expect(Object.keys(RULE_SOURCES).filter((id) => !cited.has(id as never))).toEqual([]);
  });

  it('cites Mastercard’s guidance beside Stripe’s and Visa’s for every reason a Mastercard code maps to', () => {
    const mapped = new Set(NETWORK_REASON_CODES.filter((c) => c.network === 'mastercard').flatMap((c) => c.reasons));
    for (const reason of mapped) {
      if (reason === 'general') continue;
      expect(
        rulesFor(reason, undefined).some((r) => r.sources.includes('mastercard-chargeback-guide')),
        reason,
      ).toBe(true);
    }
  });

  it('maps each network reason code once, to reasons the table has', () => {
    const keys = NETWORK_REASON_CODES.map((c) => `${c.network} ${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of NETWORK_REASON_CODES) for (const r of c.reasons) expect(CHECKLIST_REASONS).toContain(r);
    expect(lookUpReasonCode('13.1', undefined)?.reasons).toEqual(['product_not_received']);
    expect(lookUpReasonCode(' 4855 ', 'mastercard')?.reasons).toEqual(['product_not_received']);
    expect(lookUpReasonCode('10.4', 'visa')?.reasons).toEqual(['fraudulent']);
    expect(lookUpReasonCode('4837', undefined)?.reasons).toEqual(['fraudulent']);
    expect(lookUpReasonCode('4834', undefined)?.reasons[0]).toBe('duplicate');
    // A Visa code on a Mastercard case is not Visa's.
    expect(lookUpReasonCode('13.1', 'mastercard')).toBeUndefined();
    expect(lookUpReasonCode('13.1', 'amex')).toBeUndefined();
  });

  it('names only real categories, never "other", and never one category twice in a row', () => {
    for (const row of CHECKLIST_RULES) {
      const all = [...row.required, ...row.recommended];
      expect(all.every((c) => (EVIDENCE_CATEGORIES as readonly string[]).includes(c) && c !== 'other')).toBe(true);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('answers every dispute reason: its own rows, else general’s', () => {
    for (const reason of DISPUTE_REASONS) expect(rulesFor(reason, undefined).length).toBeGreaterThan(0);
    expect(checklistReason('insufficient_funds')).toBe('general');
    expect(checklistReason('fraudulent')).toBe('fraudulent');
  });

  it('asks more of online goods than of the case naming no product type', () => {
    const required = (type: string | undefined) => new Set(rulesFor('product_not_received', type).flatMap((r) => r.required));
    expect(required(undefined).has('proof_of_use')).toBe(false);
    expect(required('digital').has('proof_of_use')).toBe(true);
  });
});

const info = (over: Partial<CaseInfo> = {}): CaseInfo => ({ id: 'x', folder: '/x', profile: 'generic', client: { aliases: [] }, merchant: {}, ...over });
const date = { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' } as const;
const image = (file: string, note?: string, ocr?: string) =>
  ({
    kind: 'image',
    file,
    date,
    note: note ? { value: note, source: 'case.yaml' } : undefined,
    ...(ocr ? { ocr: { text: ocr, lines: [], cached: false } } : {}),
  }) as unknown as Exhibit;
const chat = (format: string) => ({ kind: 'chat', file: 'c.txt', format, date, messages: [], totalMessages: 0 }) as unknown as Exhibit;

describe('categorizeExhibit', () => {
  it('takes case.yaml first, then the kind, then the name or note, then the text', () => {
    expect(categorizeExhibit(info({ categories: { 'a.png': ['refund_history'] } }), image('a.png', 'invoice'))).toEqual({
      categories: ['refund_history'],
      source: 'case.yaml',
    });
    expect(categorizeExhibit(info(), chat('WhatsApp'))).toEqual({ categories: ['customer_communication'], source: 'kind' });
    expect(categorizeExhibit(info(), image('shots/invoice-42.png'))).toEqual({ categories: ['receipt'], source: 'name or note' });
    expect(categorizeExhibit(info(), image('a.png', 'Our refund policy as shown at checkout'))).toEqual({
      categories: ['terms_and_policy'],
      source: 'name or note',
    });
    expect(categorizeExhibit(info(), image('IMG_1.png', undefined, 'Tracking number 1Z999 delivered'))).toEqual({
      categories: ['proof_of_delivery'],
      source: 'text',
    });
    expect(categorizeExhibit(info(), image('IMG_1.png'))).toEqual({ categories: ['other'], source: 'none' });
  });
});

describe('checkEvidence', () => {
  it('warns once per required category no exhibit shows, and lists the present ones with their numbers', () => {
    const result = checkEvidence(info({ reason: 'fraudulent', productType: 'digital' }), [chat('Email'), image('receipt.png')]);
    expect(result.findings.map((f) => f.args.category).sort()).toEqual(['identity_match', 'proof_of_use']);
    expect(result.checklist!.entries.find((e) => e.category === 'customer_communication')!.exhibits).toEqual([1]);
    expect(result.checklist!.entries.find((e) => e.category === 'receipt')).toMatchObject({ need: 'recommended', exhibits: [2] });
    expect(describeProven(result)).toBe('customer communication (Exhibit 1); receipt (Exhibit 2)');
  });

  it('answers a network reason code when case.yaml gives no reason, and says when the two disagree or the code is unknown or broad', () => {
    const visa = checkEvidence(info({ network: 'visa', reasonCode: '13.1', productType: 'digital' }), [chat('Email')]);
    expect(visa.checklist).toMatchObject({ reason: 'product_not_received', reasonCode: { network: 'visa', code: '13.1' } });
    expect(visa.findings.map((f) => f.code).sort()).toEqual(['EVIDENCE_MISSING', 'EVIDENCE_MISSING']);
    expect(visa.checklist!.sources.map((s) => s.id)).toContain('visa-dmg');
    const broad = checkEvidence(info({ reasonCode: '4853' }), [chat('Email')]);
    expect(broad.checklist!.reason).toBe('product_unacceptable');
    expect(broad.checklist!.sources.map((s) => s.id)).toContain('mastercard-chargeback-guide');
    expect(broad.findings.map((f) => f.code)).toContain('REASON_CODE_AMBIGUOUS');
    const picked = checkEvidence(info({ reason: 'credit_not_processed', reasonCode: '4853' }), [chat('Email')]);
    expect(picked.findings.map((f) => f.code)).not.toContain('REASON_CODE_AMBIGUOUS');
    expect(picked.findings.map((f) => f.code)).not.toContain('REASON_CODE_MISMATCH');
    const mismatch = checkEvidence(info({ reason: 'fraudulent', reasonCode: '13.1' }), [chat('Email')]);
    expect(mismatch.checklist!.reason).toBe('fraudulent');
    expect(mismatch.findings.map((f) => f.code)).toContain('REASON_CODE_MISMATCH');
    const unknown = checkEvidence(info({ reasonCode: '99' }), [chat('Email')]);
    expect(unknown.checklist).toBeUndefined();
    expect(unknown.findings.map((f) => f.code)).toEqual(['REASON_CODE_UNKNOWN']);
  });

  it('has no checklist and no finding without a reason', () => {
    const result = checkEvidence(info(), [image('a.png')]);
    expect(result.findings).toEqual([]);
    expect(result.checklist).toBeUndefined();
  });
});

describe('fixture cases', () => {
  const codes = async (name: string) => {
    const check = await checkCase(join(FIXTURES, 'cases', name));
    return { codes: check.findings.map((f) => f.code).sort(), check };
  };

  it('a subscription dispute with only the conversation misses the policy and the use', async () => {
    const { codes: found, check } = await codes('evidence-subscription');
    expect(found).toEqual(['EVIDENCE_MISSING', 'EVIDENCE_MISSING']);
    expect(check.findings.map((f) => f.args.category).sort()).toEqual(['proof_of_use', 'terms_and_policy']);
  });

  it('a dispute named only by Mastercard’s reason code 4841 gets the cancelled-subscription checklist', async () => {
    const { codes: found, check } = await codes('evidence-reason-code');
    expect(found).toEqual(['EVIDENCE_MISSING', 'EVIDENCE_MISSING']);
    expect(check.evidence!.checklist).toMatchObject({
      reason: 'subscription_canceled',
      reasonCode: { network: 'mastercard', code: '4841', title: 'Canceled Recurring or Digital Goods Transactions' },
    });
  });

  it('a duplicate dispute answered by a receipt marked in case.yaml is complete', async () => {
    const { codes: found, check } = await codes('evidence-duplicate');
    expect(found).toEqual([]);
    expect(check.evidence!.categories[0]).toEqual({ categories: ['receipt', 'customer_communication'], source: 'case.yaml' });
  });

  it('a reason without rows of its own is answered as general', async () => {
    const { codes: found, check } = await codes('evidence-other-reason');
    expect(found).toEqual([]);
    expect(check.evidence!.checklist).toMatchObject({ reason: 'bank_cannot_process', answeredAs: 'general' });
  });

  it('the sample case is complete for its reason and product type', async () => {
    const { codes: found, check } = await codes('../sample-case');
    expect(found).toEqual([]);
    expect(check.evidence!.checklist!.entries.filter((e) => e.need === 'required').map((e) => [e.category, e.exhibits])).toEqual([
      ['proof_of_delivery', [3]],
      ['customer_communication', [1]],
    ]);
  });
});
