import type { Stripe } from 'stripe';
import { BudgetError, EvidencePacketError, ProcessorError } from '../../errors.js';
import type { ProcessorMode } from '../types.js';

/** How to reach Stripe: the key (from STRIPE_API_KEY, read by the CLI) and, for stripe-mock or tests, another base URL. */
export interface StripeAccess {
  readonly apiKey: string;
  /** STRIPE_API_BASE, e.g. http://127.0.0.1:12111: every call, file uploads included, goes there. */
  readonly apiBase?: string;
}

export type StripeMode = ProcessorMode;

/** `sk_test_…` and `rk_test_…` reach the test mode; `sk_live_…`, `rk_live_…` the real money. */
export function keyMode(key: string): StripeMode {
  return /^[sr]k_live_/.test(key) ? 'live' : 'test';
}

/** The key as it may be shown: its kind and mode, and its last four characters only. */
export function maskKey(key: string): string {
  const kind = /^([a-z]{2}_(?:test|live))_/.exec(key)?.[1] ?? key.slice(0, 2);
  return `${kind}_…${key.slice(-4)}`;
}

/** What a restricted key needs: pull reads the dispute, its charge, the customer and Radar's review; push writes files and the dispute. */
export const KEY_PERMISSIONS = 'Disputes: Write, Files: Write, Charges: Read, Customers: Read and Reviews: Read';

/** Retries of a failed call (a dropped connection, 409, 5xx, or a 429 Stripe marks as retryable), as the SDK does them. */
const RETRIES = 2;

function baseOptions(apiBase: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (apiBase === undefined || apiBase === '') return {};
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '') {
    throw new ProcessorError('STRIPE_API_BASE_INVALID', `STRIPE_API_BASE="${apiBase}" is not a base URL such as http://127.0.0.1:12111`, {
      hint: 'Unset STRIPE_API_BASE to reach Stripe itself, or set it to the scheme, host and port of stripe-mock.',
    });
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** The official client, pointed at Stripe or at STRIPE_API_BASE. Loaded when first needed. */
export async function openStripe(access: StripeAccess): Promise<Stripe> {
  const key = access.apiKey.trim();
  if (!/^[sr]k_(test|live)_\S+$/.test(key)) {
    throw new ProcessorError(
      key === '' ? 'STRIPE_KEY_MISSING' : 'STRIPE_KEY_REJECTED',
      key === '' ? 'STRIPE_API_KEY is not set' : `STRIPE_API_KEY (${maskKey(key)}) is not a secret or restricted key`,
      {
        hint: `Create a restricted key (Dashboard → Developers → API keys) with ${KEY_PERMISSIONS}, and run \`export STRIPE_API_KEY=rk_…\` (or read it from your password manager); it is never taken from a flag.`,
      },
    );
  }
  const { default: StripeClient } = await import('stripe');
  return new StripeClient(key, { ...baseOptions(access.apiBase), maxNetworkRetries: RETRIES, telemetry: false, appInfo: { name: 'evidence-packet' } });
}

/** What went wrong with a call, as a typed failure whose text never holds the key. */
export function stripeFailure(error: unknown, access: StripeAccess, doing: string): EvidencePacketError {
  if (error instanceof EvidencePacketError) return error;
  const e = (error ?? {}) as Partial<Stripe.errors.StripeError>;
  const key = access.apiKey.trim();
  const clean = (text: string) => (key ? text.split(key).join(maskKey(key)) : text);
  const said = clean(e.message ?? String(error));
  const details = {
    ...(e.statusCode ? { status: e.statusCode } : {}),
    ...(e.code ? { stripeCode: e.code } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
    ...(e.param ? { param: e.param } : {}),
  };
  const mode = `${keyMode(key)} mode, key ${maskKey(key)}`;
  const options = { details };
  if (e.code === 'dispute_evidence_page_limit_exceeded') {
    return new BudgetError('STRIPE_PAGE_LIMIT', `Stripe refused the evidence while ${doing}: ${said}`, {
      ...options,
      hint: 'Leave out the exhibits that matter least (or narrow a chat with select: in case.yaml), shorten the letter, and push again: the files already uploaded are reused where they did not change.',
    });
  }
  if (e.statusCode === 401 || e.statusCode === 403) {
    return new ProcessorError('STRIPE_KEY_REJECTED', `Stripe refused the key while ${doing} (${mode}): ${said}`, {
      ...options,
      hint: `Set STRIPE_API_KEY to a key of the account that received the dispute, with ${KEY_PERMISSIONS}.`,
    });
  }
  if (e.statusCode === 404) {
    return new ProcessorError('STRIPE_NOT_FOUND', `Stripe found nothing while ${doing} (${mode}): ${said}`, {
      ...options,
      hint: 'Check the dispute id (du_… or dp_…, Dashboard → Disputes) and that the key is of the same account and mode (test or live).',
    });
  }
  if (e.statusCode === 429 || e.statusCode === undefined || e.statusCode >= 500) {
    const why =
      e.statusCode === 429 ? 'it is limiting the rate of calls (429)' : e.statusCode ? `it answered ${e.statusCode}` : `the connection failed (${said})`;
    return new ProcessorError('STRIPE_UNREACHABLE', `Stripe could not be reached while ${doing}, after ${RETRIES} retries: ${why}`, {
      ...options,
      hint: 'Wait a minute and run the same command again: files already uploaded are not uploaded twice.',
    });
  }
  return new ProcessorError('STRIPE_REFUSED', `Stripe refused the request while ${doing} (${e.statusCode}${e.code ? ` ${e.code}` : ''}): ${said}`, {
    ...options,
    hint: 'Read Stripe’s message above; fix the case (or the dispute in the Dashboard) and run again.',
  });
}
