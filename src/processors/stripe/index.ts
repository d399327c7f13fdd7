import type { ProcessorAdapter } from '../types.js';
import type { StripeAccess } from './client.js';
import { pullDispute } from './pull-dispute.js';
import { pushEvidence } from './push-evidence.js';
import { submitEvidence, submitObstacle } from './submit-evidence.js';

/**
 * The Stripe adapter of the processors layer: pull a dispute's facts into case.yaml, push the
 * packet as the dispute's evidence (one file per field, staged), submit it.
 */
export const stripeProcessor: ProcessorAdapter<StripeAccess> = {
  id: 'stripe',
  label: 'Stripe',
  keyVariable: 'STRIPE_API_KEY',
  baseVariable: 'STRIPE_API_BASE',
  pull: pullDispute,
  push: pushEvidence,
  submitObstacle,
  submit: submitEvidence,
};

export { keyMode, maskKey, type StripeAccess } from './client.js';
export { STATE_FILE } from './push-state.js';
