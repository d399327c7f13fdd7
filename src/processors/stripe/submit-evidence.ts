import { ProcessorError } from '../../errors.js';
import { openStripe, stripeFailure, type StripeAccess } from './client.js';
import { summarizeDispute } from './pull-dispute.js';
import type { DisputeSummary } from '../types.js';
import { pushFolder, readPushState, writePushState } from './push-state.js';

/**
 * Why the dispute should not be sent for review now, if it should not: its deadline passed,
 * it has no deadline (it takes no evidence), or evidence was already submitted (a bank
 * usually reviews one submission only). Undefined when it may be sent.
 */
export function submitObstacle(dispute: DisputeSummary): string | undefined {
  if (dispute.pastDue) return `the deadline to respond to ${dispute.id} has passed${dispute.dueBy ? ` (${dispute.dueBy})` : ''}`;
  if (dispute.dueBy === null) return `${dispute.id} has no response deadline (due_by is 0): Stripe takes no evidence for it`;
  if (dispute.submissionCount > 0)
    return `evidence for ${dispute.id} was already submitted ${dispute.submissionCount} time(s); banks usually review one submission only`;
  return undefined;
}

/** The one-way step: the staged evidence goes to the bank. Checks the dispute first; `force` goes past the checks. */
export async function submitEvidence(folder: string, disputeId: string, access: StripeAccess, force: boolean): Promise<DisputeSummary> {
  const stripe = await openStripe(access);
  let summary: DisputeSummary;
  try {
    summary = summarizeDispute(await stripe.disputes.retrieve(disputeId));
  } catch (error) {
    throw stripeFailure(error, access, `reading dispute ${disputeId}`);
  }
  const obstacle = submitObstacle(summary);
  if (obstacle && !force) {
    throw new ProcessorError('STRIPE_SUBMIT_REFUSED', `not submitted: ${obstacle}`, {
      hint: 'The evidence stays staged; review it in the Dashboard. Pass --force to submit anyway (Stripe may still refuse).',
    });
  }
  try {
    const after = await stripe.disputes.update(
      disputeId,
      { submit: true },
      { idempotencyKey: `evidence-packet-submit-${disputeId}-${summary.submissionCount}` },
    );
    const mode = after.livemode ? 'live' : 'test';
    const state = pushFolder(folder, disputeId);
    await writePushState(state, { ...(await readPushState(state, disputeId, mode)), submitted: true });
    return summarizeDispute(after);
  } catch (error) {
    throw stripeFailure(error, access, `submitting the evidence of ${disputeId}`);
  }
}
