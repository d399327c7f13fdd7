/**
 * The Stripe adapter of the processors layer: pull a dispute's facts into case.yaml, push the
 * packet as the dispute's evidence (one file per field, staged), submit it. Another processor
 * joins as a sibling folder with the same three steps.
 */
export { keyMode, maskKey, type StripeAccess, type StripeMode } from './client.js';
export { pullDispute, type DisputeSummary, type PulledCase } from './pull-dispute.js';
export { pushEvidence, type PushResult, type PushedFile } from './push-evidence.js';
export { submitEvidence, submitObstacle } from './submit-evidence.js';
export { STATE_FILE } from './push-state.js';
