import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Stripe } from 'stripe';
import { errnoCode, FileSystemError } from '../../errors.js';
import { openStripe, stripeFailure, type StripeAccess } from './client.js';
import { disputeFacts, isoFromEpoch } from './dispute-facts.js';
import { mergeCase } from '../merge-case.js';
import type { DisputeSummary, PulledCase } from '../types.js';
import { PAYMENT_RECORD_JSON, PAYMENT_RECORD_PDF, paymentRecord, renderPaymentRecord } from './payment-record.js';

export function summarizeDispute(dispute: Stripe.Dispute): DisputeSummary {
  const d = dispute.evidence_details;
  return {
    id: dispute.id,
    status: dispute.status,
    reason: dispute.reason,
    amount: dispute.amount,
    currency: dispute.currency,
    livemode: dispute.livemode,
    dueBy: d?.due_by ? isoFromEpoch(d.due_by) : null,
    pastDue: d?.past_due ?? false,
    submissionCount: d?.submission_count ?? 0,
    hasEvidence: d?.has_evidence ?? false,
  };
}

/** The case's manifest as it is on disk: case.yaml, case.yml or case.json (the first there), else a new case.yaml. */
async function readManifest(root: string): Promise<{ path: string; text: string | undefined; format: 'yaml' | 'json' }> {
  for (const name of ['case.yaml', 'case.yml', 'case.json']) {
    const path = join(root, name);
    try {
      return { path, text: await readFile(path, 'utf8'), format: name.endsWith('.json') ? 'json' : 'yaml' };
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') continue;
      throw new FileSystemError('MANIFEST_UNREADABLE', `${name} cannot be read (${errnoCode(error) ?? String(error)})`, { hint: 'Check its permissions.' });
    }
  }
  return { path: join(root, 'case.yaml'), text: undefined, format: 'yaml' };
}

/** Fetches the dispute and its charge (with the customer and Radar's review). */
async function fetchDispute(stripe: Stripe, id: string, access: StripeAccess): Promise<{ dispute: Stripe.Dispute; charge: Stripe.Charge }> {
  try {
    const dispute = await stripe.disputes.retrieve(id);
    const chargeId = typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
    const charge = await stripe.charges.retrieve(chargeId, { expand: ['customer', 'review'] });
    return { dispute, charge };
  } catch (error) {
    throw stripeFailure(error, access, `reading dispute ${id}`);
  }
}

/**
 * Reads a dispute and its charge from Stripe and returns the case folder's files as they are
 * to be: the manifest with the dispute's facts where it had none, and the payment record
 * (its table page, an exhibit, and the JSON it shows). Writes nothing.
 */
export async function pullDispute(disputeId: string, folder: string, access: StripeAccess): Promise<PulledCase> {
  const root = resolve(folder);
  const stripe = await openStripe(access);
  const { dispute, charge } = await fetchDispute(stripe, disputeId, access);
  const record = paymentRecord(dispute, charge);
  const manifest = await readManifest(root);
  const item = {
    file: PAYMENT_RECORD_PDF,
    date: record.created,
    note: 'Payment record from Stripe: the card checks and risk assessment at the time of payment',
    stripeField: 'uncategorized_file',
  };
  const merged = mergeCase(manifest.text, disputeFacts(dispute, charge), item, manifest.format);
  return {
    dispute: summarizeDispute(dispute),
    mode: dispute.livemode ? 'live' : 'test',
    manifest: { path: manifest.path, text: merged.text, existed: manifest.text !== undefined },
    added: merged.added,
    differences: merged.differences,
    files: [
      { path: manifest.path, data: merged.text },
      { path: join(root, PAYMENT_RECORD_PDF), data: await renderPaymentRecord(record) },
      { path: join(root, PAYMENT_RECORD_JSON), data: `${JSON.stringify(record, null, 2)}\n` },
    ],
  };
}
