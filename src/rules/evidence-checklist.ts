/**
 * What evidence answers each dispute reason, per product type: the rule table, as data, each
 * row with the published guidance it comes from. One file on purpose, so a reviewer checks a
 * rule against its source in one place.
 */
import type { EvidenceCategory, ProductType } from '../evidence/manifest-schema.js';

/** The guidance the rows cite: its title as published and where to read it. */
export const RULE_SOURCES = {
  'stripe-categories': {
    title: 'Stripe Docs — Dispute reason code categories (evidence guidelines per category)',
    url: 'https://docs.stripe.com/disputes/categories',
  },
  'stripe-evidence': {
    title: 'Stripe API — Dispute evidence object (access_activity_log, cancellation_policy, refund_policy, duplicate_charge_documentation …)',
    url: 'https://docs.stripe.com/api/disputes/evidence_object',
  },
  'stripe-samples': {
    title: 'Stripe Docs — Dispute sample evidence packets',
    url: 'https://docs.stripe.com/disputes/visual-evidence',
  },
  'visa-dmg': {
    title: 'Visa — Dispute Management Guidelines for Visa Merchants (2018), Section 3 Disputes',
    url: 'https://usa.visa.com/dam/VCOM/global/support-legal/documents/merchants-dispute-management-guidelines.pdf',
  },
  'mastercard-chargeback-guide': {
    title:
      'Mastercard — Chargeback Guide, Merchant Edition: Cardholder Dispute Chargeback (4853: Goods or Services Not Provided; Not as Described or Defective; Credit Not Processed; Cardholder Dispute of a Recurring Transaction), fraud-related chargebacks (4837 No Cardholder Authorization, 4863 Cardholder Does Not Recognize), Point-of-Interaction Error (4834, incl. Cardholder Debited More than Once)',
    url: 'https://www.mastercard.us/content/dam/public/mastercardcom/na/global-site/documents/chargeback-guide.pdf',
  },
  'visa-ce': {
    title:
      'Visa compelling evidence for card-absent fraud (reason 10.4: IP address, device or login matching undisputed transactions), as summarised in “Visa’s Latest Dispute Rule Updates: Evolution of Compelling Evidence”',
    url: 'https://acqra.com/?p=2801',
  },
} as const;
export type RuleSourceId = keyof typeof RULE_SOURCES;

/** What each category is, and why a reviewer needs it (printed beside a missing one). */
export const CATEGORY_INFO: Readonly<Record<EvidenceCategory, { readonly label: string; readonly why: string }>> = {
  customer_communication: {
    label: 'customer communication',
    why: 'the cardholder’s own words (ordering, approving, asking for help) answer their claim directly',
  },
  proof_of_delivery: { label: 'proof of delivery', why: 'shows the product or service reached the cardholder, with its date' },
  proof_of_use: { label: 'proof of use', why: 'shows the cardholder used or downloaded what they paid for (access logs, the live site)' },
  receipt: { label: 'receipt', why: 'ties the disputed charge to the order: what was sold, when and for how much' },
  terms_and_policy: { label: 'terms and policy', why: 'the refund or cancellation policy as the cardholder saw and accepted it before paying' },
  refund_history: { label: 'refund history', why: 'shows a refund was issued, or why the cardholder was not owed one' },
  identity_match: { label: 'identity match', why: 'links the cardholder to the purchase (same email, IP address, account or address as undisputed orders)' },
  other: { label: 'other', why: 'supports the case without answering a checklist item' },
};

/** The reasons the table has rows for; every other reason (bank_cannot_process …) is answered as `general`. */
export const CHECKLIST_REASONS = [
  'fraudulent',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'credit_not_processed',
  'duplicate',
  'unrecognized',
  'general',
] as const;
export type ChecklistReason = (typeof CHECKLIST_REASONS)[number];

export interface ChecklistRule {
  readonly reason: ChecklistReason;
  /** The product types the row applies to; 'all' for every one (and for a case that names none). */
  readonly productTypes: 'all' | readonly ProductType[];
  readonly required: readonly EvidenceCategory[];
  readonly recommended: readonly EvidenceCategory[];
  readonly sources: readonly RuleSourceId[];
}

const ONLINE: readonly ProductType[] = ['digital', 'service', 'subscription'];
const ATTENDED: readonly ProductType[] = ['event', 'booking'];

/** The rows; where several apply to a case, their categories are joined (required wins over recommended). */
export const CHECKLIST_RULES: readonly ChecklistRule[] = [
  // Fraud: prove the cardholder took part (identity) and got the goods; for online goods, that they used them.
  {
    reason: 'fraudulent',
    productTypes: 'all',
    required: ['identity_match', 'customer_communication'],
    recommended: ['receipt', 'terms_and_policy'],
    sources: ['stripe-categories', 'visa-dmg', 'mastercard-chargeback-guide'],
  },
  { reason: 'fraudulent', productTypes: ONLINE, required: ['proof_of_use'], recommended: [], sources: ['visa-ce', 'stripe-evidence'] },
  { reason: 'fraudulent', productTypes: ['physical'], required: ['proof_of_delivery'], recommended: [], sources: ['visa-dmg'] },
  { reason: 'fraudulent', productTypes: ATTENDED, required: [], recommended: ['proof_of_use'], sources: ['visa-dmg'] },
  // Not received: delivery first; for digital goods, access and download records are the delivery.
  {
    reason: 'product_not_received',
    productTypes: 'all',
    required: ['proof_of_delivery'],
    recommended: ['customer_communication', 'receipt'],
    sources: ['stripe-categories', 'visa-dmg', 'mastercard-chargeback-guide'],
  },
  { reason: 'product_not_received', productTypes: ONLINE, required: ['proof_of_use'], recommended: [], sources: ['stripe-evidence', 'visa-dmg'] },
  { reason: 'product_not_received', productTypes: ATTENDED, required: [], recommended: ['terms_and_policy'], sources: ['stripe-categories'] },
  // Not as described: what was promised, that it was delivered as such, and the return/refund policy.
  {
    reason: 'product_unacceptable',
    productTypes: 'all',
    required: ['proof_of_delivery', 'customer_communication'],
    recommended: ['terms_and_policy', 'receipt'],
    sources: ['stripe-categories', 'stripe-samples', 'mastercard-chargeback-guide'],
  },
  { reason: 'product_unacceptable', productTypes: ONLINE, required: [], recommended: ['proof_of_use'], sources: ['stripe-evidence'] },
  {
    reason: 'product_unacceptable',
    productTypes: ['physical', ...ATTENDED, 'other'],
    required: [],
    recommended: ['refund_history'],
    sources: ['stripe-categories'],
  },
  // Subscription canceled: the cancellation policy shown at checkout, and use after the claimed cancellation.
  {
    reason: 'subscription_canceled',
    productTypes: 'all',
    required: ['terms_and_policy', 'customer_communication'],
    recommended: ['receipt', 'proof_of_use'],
    sources: ['stripe-categories', 'stripe-evidence', 'mastercard-chargeback-guide'],
  },
  { reason: 'subscription_canceled', productTypes: ONLINE, required: ['proof_of_use'], recommended: [], sources: ['stripe-evidence'] },
  // Credit not processed: the refund policy and either the refund made or why none was owed.
  {
    reason: 'credit_not_processed',
    productTypes: 'all',
    required: ['terms_and_policy', 'refund_history'],
    recommended: ['customer_communication', 'receipt'],
    sources: ['stripe-categories', 'stripe-samples', 'stripe-evidence', 'mastercard-chargeback-guide'],
  },
  { reason: 'credit_not_processed', productTypes: ['physical'], required: [], recommended: ['proof_of_delivery'], sources: ['visa-dmg'] },
  // Duplicate: a receipt for each charge, showing they are separate; or the refund of the duplicate.
  {
    reason: 'duplicate',
    productTypes: 'all',
    required: ['receipt'],
    recommended: ['refund_history', 'customer_communication'],
    sources: ['stripe-categories', 'stripe-samples', 'stripe-evidence', 'mastercard-chargeback-guide'],
  },
  // Unrecognized: help the cardholder recognise the charge: the receipt, and who they are to us.
  {
    reason: 'unrecognized',
    productTypes: 'all',
    required: ['receipt', 'identity_match'],
    recommended: ['customer_communication', 'proof_of_delivery'],
    sources: ['stripe-categories', 'mastercard-chargeback-guide'],
  },
  { reason: 'unrecognized', productTypes: ONLINE, required: [], recommended: ['proof_of_use'], sources: ['visa-ce'] },
  // General: the cardholder's own words, and what the charge was for.
  {
    reason: 'general',
    productTypes: 'all',
    required: ['customer_communication'],
    recommended: ['receipt', 'proof_of_delivery', 'terms_and_policy'],
    sources: ['stripe-categories'],
  },
];

/** The table's reason for a dispute reason: its own rows, else `general`'s. */
export function checklistReason(reason: string): ChecklistReason {
  return (CHECKLIST_REASONS as readonly string[]).includes(reason) ? (reason as ChecklistReason) : 'general';
}

/** The rows that apply to a reason and product type (a case naming no product type gets the 'all' rows). */
export function rulesFor(reason: string, productType: string | undefined): ChecklistRule[] {
  const row = checklistReason(reason);
  return CHECKLIST_RULES.filter(
    (r) => r.reason === row && (r.productTypes === 'all' || (productType !== undefined && (r.productTypes as readonly string[]).includes(productType))),
  );
}
