import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPUTE_REASONS, EVIDENCE_CATEGORIES, PRODUCT_TYPES } from '../../src/evidence/manifest-schema.js';
import type { CaseInfo, Exhibit } from '../../src/evidence/model.js';
import { checkCase } from '../../src/pipeline/check.js';
import { categorizeExhibit } from '../../src/rules/categorize-exhibit.js';
import { checkEvidence, describeProven } from '../../src/rules/check-evidence.js';
import { CHECKLIST_REASONS, CHECKLIST_RULES, RULE_SOURCES, checklistReason, rulesFor } from '../../src/rules/evidence-checklist.js';
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
