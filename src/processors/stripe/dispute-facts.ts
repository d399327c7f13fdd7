import type { Stripe } from 'stripe';
import { CARD_NETWORKS, DISPUTE_REASONS } from '../../evidence/manifest-schema.js';
import type { CaseFacts } from '../types.js';

/**
 * Currencies Stripe counts in whole units, and in thousandths; every other in hundredths
 * (Stripe docs, "Supported currencies: zero-decimal and three-decimal currencies"; ISK and
 * HUF are sent in hundredths there too).
 */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Stripe's minor units → the amount as people write it: 49900 USD → 499, 5000 JPY → 5000. */
export function amountFromMinor(minor: number, currency: string): number {
  const c = currency.toLowerCase();
  const exponent = ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

/** Seconds since 1970 → `2024-04-02T23:59:00Z`. */
export const isoFromEpoch = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');

/**
 * Stripe's reason, as case.yaml names reasons (they are Stripe's list); the two Stripe has
 * that no cover letter is written for (a returned check, a network-compliance dispute) are
 * answered with the general letter.
 */
export function reasonFromStripe(reason: string): string {
  return (DISPUTE_REASONS as readonly string[]).includes(reason) ? reason : 'general';
}

const textOrUndefined = (value: string | null | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);

/** The customer, when the charge carries it expanded and not deleted. */
function customerOf(charge: Stripe.Charge): Stripe.Customer | undefined {
  const c = charge.customer;
  return c && typeof c === 'object' && !('deleted' in c && c.deleted) ? (c as Stripe.Customer) : undefined;
}

/** The facts of a dispute and its charge, as case.yaml keys. */
export function disputeFacts(dispute: Stripe.Dispute, charge: Stripe.Charge): CaseFacts {
  const customer = customerOf(charge);
  const name = textOrUndefined(charge.billing_details?.name) ?? textOrUndefined(customer?.name) ?? textOrUndefined(charge.shipping?.name);
  const email = textOrUndefined(charge.billing_details?.email) ?? textOrUndefined(charge.receipt_email) ?? textOrUndefined(customer?.email);
  const network = charge.payment_method_details?.card?.network ?? undefined;
  const dueBy = dispute.evidence_details?.due_by;
  const product = textOrUndefined(dispute.evidence?.product_description) ?? textOrUndefined(charge.description);
  return {
    case: dispute.id,
    profile: 'stripe',
    ...(network && (CARD_NETWORKS as readonly string[]).includes(network) ? { network } : {}),
    reason: reasonFromStripe(dispute.reason),
    amount: amountFromMinor(dispute.amount, dispute.currency),
    currency: dispute.currency.toUpperCase(),
    ...(dueBy ? { due: isoFromEpoch(dueBy) } : {}),
    transaction: { id: charge.id, date: isoFromEpoch(charge.created) },
    client: { ...(name ? { name } : {}), ...(email ? { email } : {}) },
    ...(product ? { product } : {}),
  };
}
