import { markdownToPlain } from '../letter/index.js';
import { maskText } from '../chat/sensitive.js';
import { formatDateFact } from '../evidence/dates.js';
import type { CaseInfo, Exhibit, Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';

/** Stripe's limit for its long free-text evidence fields, and all text fields combined. */
export const STRIPE_LONG_TEXT_LIMIT = 20_000;
export const STRIPE_SHORT_TEXT_LIMIT = 5_000;
export const STRIPE_COMBINED_LIMIT = 150_000;

/** Where the letter goes: the explanation field Stripe has for the reason, else uncategorized_text. */
const LETTER_FIELD: Readonly<Record<string, string>> = {
  duplicate: 'duplicate_charge_explanation',
  subscription_canceled: 'cancellation_rebuttal',
  credit_not_processed: 'refund_refusal_explanation',
};

const LONG_FIELDS = new Set(['uncategorized_text', 'product_description', 'access_activity_log', ...Object.values(LETTER_FIELD)]);

export interface StripeEvidence {
  /** Text fields of Stripe's `evidence` hash, ready for `POST /v1/disputes/:id`. */
  readonly fields: Record<string, string>;
  readonly findings: Finding[];
}

/** The text fields of Stripe's dispute evidence object that the case can fill. */
export function stripeEvidenceFields(info: CaseInfo, letter: string | undefined, exhibits: readonly Exhibit[] = []): StripeEvidence {
  const findings: Finding[] = [];
  const fields: Record<string, string> = {};
  let combined = 0;
  const set = (field: string, value: string | undefined) => {
    if (!value) return;
    const limit = Math.min(LONG_FIELDS.has(field) ? STRIPE_LONG_TEXT_LIMIT : STRIPE_SHORT_TEXT_LIMIT, STRIPE_COMBINED_LIMIT - combined);
    // Masked before it is measured: the field Stripe receives holds no card number.
    let text = maskText(value);
    if (text.length > limit) {
      findings.push(makeFinding('STRIPE_FIELD_TRUNCATED', {}, { field, limit, length: text.length }));
      text = `${text.slice(0, limit - 1)}…`;
    }
    fields[field] = text;
    combined += text.length;
  };
  set('customer_name', info.client.name?.value);
  set('customer_email_address', info.client.email?.value);
  set('product_description', info.product);
  if (info.serviceDate) set('service_date', formatDateFact(info.serviceDate, info.timezone?.value).slice(0, 10));
  set(LETTER_FIELD[info.reason ?? ''] ?? 'uncategorized_text', letter ? markdownToPlain(letter) : info.summary);
  set('access_activity_log', accessActivityLog(exhibits, info.timezone?.value));
  return { fields, findings };
}

/**
 * Stripe's access_activity_log: the client's requests from the case's access logs (already
 * filtered to the client's lines), one a line, in time order: time with offset, IP, request.
 */
function accessActivityLog(exhibits: readonly Exhibit[], zone: string | undefined): string | undefined {
  const lines = exhibits
    .flatMap((e) =>
      e.kind === 'chat' && e.format.startsWith('Access log')
        ? e.messages.map((m) => ({ at: m.date.epochMs, text: `${formatDateFact(m.date, zone)}  ${m.sender ?? ''}  ${m.text}  (${e.file}, ${m.where})` }))
        : [],
    )
    .sort((a, b) => a.at - b.at)
    .map((l) => l.text);
  return lines.length > 0 ? lines.join('\n') : undefined;
}
