import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/write-atomic.js';
import type { StripeMode } from './client.js';

/**
 * Where `stripe push` keeps what it did for a dispute, inside the case folder (hidden, so it
 * is never read as evidence): push.json (the state), the files as uploaded, and a dry run's requests.
 */
export function pushFolder(caseFolder: string, disputeId: string): string {
  return join(resolve(caseFolder), '.evidence-packet', 'stripe', disputeId.replace(/[^A-Za-z0-9_-]/g, '_'));
}

/** One uploaded file: which bytes, and the id Stripe gave them. */
export interface UploadRecord {
  readonly sha256: string;
  readonly file: string;
  readonly bytes: number;
  readonly pages: number;
}

/**
 * The state file: a re-run after a push that failed halfway reuses each upload whose bytes did
 * not change, instead of sending it again. Kept per mode, since a test file id means nothing live.
 */
export interface PushState {
  readonly dispute: string;
  readonly mode: StripeMode;
  readonly uploads: Readonly<Record<string, UploadRecord>>;
  /**
   * The packet's date (seconds) at the first push: a re-run dates its files the same, so
   * unchanged evidence gives the same bytes and is not uploaded again.
   */
  readonly preparedAt?: number;
  /** The evidence last staged (submit=false), field by field: a file id or the text's length. */
  readonly staged?: Readonly<Record<string, string | number>>;
  readonly submitted?: boolean;
}

export const STATE_FILE = 'push.json';

export async function readPushState(folder: string, disputeId: string, mode: StripeMode): Promise<PushState> {
  const empty: PushState = { dispute: disputeId, mode, uploads: {} };
  const text = await readFile(join(folder, STATE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return empty;
  try {
    const state = JSON.parse(text) as PushState;
    return state.dispute === disputeId && state.mode === mode && typeof state.uploads === 'object' ? state : empty;
  } catch {
    // A state file that does not parse is only a lost shortcut: the uploads' idempotency keys still hold.
    return empty;
  }
}

export function writePushState(folder: string, state: PushState): Promise<void> {
  return writeFileAtomic(join(folder, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
