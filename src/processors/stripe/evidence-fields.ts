import { STRIPE_FILE_FIELDS } from '../../evidence/manifest-schema.js';
import type { Exhibit } from '../../evidence/model.js';

export { STRIPE_FILE_FIELDS };
export type StripeFileField = (typeof STRIPE_FILE_FIELDS)[number];

/** Each field's title, on its file's cover. */
export const FIELD_TITLES: Readonly<Record<StripeFileField, string>> = {
  customer_communication: 'Customer communication',
  receipt: 'Receipt',
  service_documentation: 'Service documentation',
  shipping_documentation: 'Shipping documentation',
  refund_policy: 'Refund policy',
  cancellation_policy: 'Cancellation policy',
  customer_signature: 'Customer signature',
  duplicate_charge_documentation: 'Duplicate charge documentation',
  uncategorized_file: 'Other evidence',
};

/**
 * Words in a file's name or note that say which field it belongs to, tried in this order: a
 * refund policy is a policy before it is a receipt. Whole words, so "receipts/" matches and
 * "deceipt" does not.
 */
const WORDS: readonly (readonly [StripeFileField, RegExp])[] = [
  ['refund_policy', /\brefund[\s_-]*polic(?:y|ies)\b/i],
  ['cancellation_policy', /\bcancell?ation[\s_-]*polic(?:y|ies)\b|\bterms(?:[\s_-]*(?:of|and)[\s_-]*(?:service|conditions))?\b|\btos\b/i],
  ['customer_signature', /\bsignature\b|\bsigned\b/i],
  ['duplicate_charge_documentation', /\bduplicate\b/i],
  ['shipping_documentation', /\bshipping\b|\bshipment\b|\btracking\b|\bdelivery[\s_-]*(?:confirmation|proof)\b|\bwaybill\b|\bcourier\b/i],
  ['receipt', /\breceipts?\b|\binvoices?\b|\border[\s_-]*confirmation\b/i],
  ['service_documentation', /\bcontract\b|\bstatement[\s_-]*of[\s_-]*work\b|\bsow\b|\bdeliverables?\b|\baccess[\s_-]*log\b|\busage\b/i],
];

/**
 * The field an exhibit goes to: `stripeField:` in case.yaml wins; else words in its file name
 * or note; else a conversation (chat, email, helpdesk export) is customer communication, and
 * anything else is filed as other evidence rather than guessed.
 */
export function fieldForExhibit(exhibit: Exhibit, chosen: ReadonlyMap<string, StripeFileField>): StripeFileField {
  const named = chosen.get(exhibit.file);
  if (named) return named;
  const text = `${exhibit.file.replace(/[_./-]+/g, ' ')} ${exhibit.note?.value ?? ''}`;
  for (const [field, pattern] of WORDS) if (pattern.test(text)) return field;
  return exhibit.kind === 'chat' ? 'customer_communication' : 'uncategorized_file';
}

export const isStripeFileField = (value: string): value is StripeFileField => (STRIPE_FILE_FIELDS as readonly string[]).includes(value);
