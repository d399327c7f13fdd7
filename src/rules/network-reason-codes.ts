/**
 * The card networks' reason codes a cardholder's bank gives a dispute, and the checklist reason
 * each is answered as. The mapping is Stripe's (its dispute categories page lists the network
 * codes under each category); the titles are the networks' own. A code that covers several
 * reasons (Mastercard 4853, 4834) lists them all: case.yaml's `reason:` picks among them.
 */
import type { CaseInfo, Finding } from '../evidence/model.js';
import { makeFinding } from './codes.js';
import { checklistReason, type ChecklistReason, type RuleSourceId } from './evidence-checklist.js';

export interface NetworkReasonCode {
  readonly network: 'visa' | 'mastercard';
  readonly code: string;
  readonly title: string;
  /** The reasons it may be; the first when case.yaml gives no `reason:`. */
  readonly reasons: readonly [ChecklistReason, ...ChecklistReason[]];
  readonly sources: readonly RuleSourceId[];
}

const visa = (code: string, title: string, reason: ChecklistReason): NetworkReasonCode => ({
  network: 'visa',
  code,
  title,
  reasons: [reason],
  sources: ['visa-dmg', 'stripe-categories'],
});
const mastercard = (code: string, title: string, ...reasons: [ChecklistReason, ...ChecklistReason[]]): NetworkReasonCode => ({
  network: 'mastercard',
  code,
  title,
  reasons,
  sources: ['mastercard-chargeback-guide', 'stripe-categories'],
});

export const NETWORK_REASON_CODES: readonly NetworkReasonCode[] = [
  visa('10.1', 'EMV Liability Shift Counterfeit Fraud', 'fraudulent'),
  visa('10.2', 'EMV Liability Shift Non-Counterfeit Fraud', 'fraudulent'),
  visa('10.3', 'Other Fraud – Card-Present Environment', 'fraudulent'),
  visa('10.4', 'Other Fraud – Card-Absent Environment', 'fraudulent'),
  visa('10.5', 'Visa Fraud Monitoring Program', 'fraudulent'),
  visa('12.6', 'Duplicate Processing / Paid by Other Means', 'duplicate'),
  visa('12.6.1', 'Duplicate Processing', 'duplicate'),
  visa('13.1', 'Merchandise/Services Not Received', 'product_not_received'),
  visa('13.2', 'Cancelled Recurring Transaction', 'subscription_canceled'),
  visa('13.3', 'Not as Described or Defective Merchandise/Services', 'product_unacceptable'),
  visa('13.6', 'Credit Not Processed', 'credit_not_processed'),
  visa('13.7', 'Cancelled Merchandise/Services', 'credit_not_processed'),
  mastercard('4837', 'No Cardholder Authorization', 'fraudulent'),
  mastercard('4840', 'Fraudulent Processing of Transactions', 'fraudulent'),
  mastercard('4863', 'Cardholder Does Not Recognize – Potential Fraud', 'unrecognized', 'fraudulent'),
  mastercard('4870', 'Chip Liability Shift', 'fraudulent'),
  mastercard('4871', 'Chip Liability Shift – Lost/Stolen/Never Received Fraud', 'fraudulent'),
  mastercard('4834', 'Point-of-Interaction Error (incl. Cardholder Debited More than Once for the Same Goods or Services)', 'duplicate', 'general'),
  mastercard('4841', 'Canceled Recurring or Digital Goods Transactions', 'subscription_canceled'),
  mastercard(
    '4853',
    'Cardholder Dispute (Not as Described or Defective, Goods or Services Not Provided, Credit Not Processed, Recurring Transaction …)',
    'product_unacceptable',
    'product_not_received',
    'credit_not_processed',
    'subscription_canceled',
  ),
  mastercard('4855', 'Goods or Services Not Provided', 'product_not_received'),
  mastercard('4860', 'Credit Not Processed', 'credit_not_processed'),
];

/** The network a bare code belongs to, by its shape: Visa's are `NN.N`, Mastercard's four digits from 48. */
function networkOf(code: string): 'visa' | 'mastercard' | undefined {
  if (/^1\d\.\d(\.\d)?$/.test(code)) return 'visa';
  if (/^48\d\d$/.test(code)) return 'mastercard';
  return undefined;
}

/** The code's entry, for the case's network when it names one (else the network the code's shape says); none for another network's. */
export function lookUpReasonCode(code: string, network: string | undefined): NetworkReasonCode | undefined {
  const trimmed = code.trim();
  const on = network ?? networkOf(trimmed);
  return NETWORK_REASON_CODES.find((entry) => entry.network === on && entry.code === trimmed);
}

/**
 * The reason the checklist answers: case.yaml's `reason:`, else the one its `reason_code:` maps to.
 * A code not in the table, one that says another reason than `reason:`, or one that covers several
 * when no `reason:` picks, is a finding.
 */
export function resolveReason(info: CaseInfo): { reason?: string; code?: NetworkReasonCode; findings: Finding[] } {
  if (!info.reasonCode) return { ...(info.reason ? { reason: info.reason } : {}), findings: [] };
  const code = lookUpReasonCode(info.reasonCode, info.network);
  if (!code) {
    const finding = makeFinding('REASON_CODE_UNKNOWN', {}, { code: info.reasonCode, network: info.network ?? 'no network' });
    return { ...(info.reason ? { reason: info.reason } : {}), findings: [finding] };
  }
  const label = `${code.network === 'visa' ? 'Visa' : 'Mastercard'} ${code.code} “${code.title}”`;
  const answers = code.reasons.map((r) => r.replace(/_/g, ' ')).join(', ');
  if (info.reason) {
    const findings = code.reasons.includes(checklistReason(info.reason))
      ? []
      : [makeFinding('REASON_CODE_MISMATCH', {}, { code: label, reason: info.reason.replace(/_/g, ' '), answers })];
    return { reason: info.reason, code, findings };
  }
  const findings =
    code.reasons.length > 1 ? [makeFinding('REASON_CODE_AMBIGUOUS', {}, { code: label, answers, chosen: code.reasons[0].replace(/_/g, ' ') })] : [];
  return { reason: code.reasons[0], code, findings };
}
