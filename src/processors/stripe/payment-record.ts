import type { Stripe } from 'stripe';
import { maskText } from '../../chat/sensitive.js';
import { formatAmount } from '../../evidence/describe.js';
import { pdfLib } from '../../io/cjs.js';
import { amountFromMinor, isoFromEpoch } from './dispute-facts.js';

/** The record `stripe pull` keeps of how the payment was made: the JSON sidecar and its table page. */
export interface PaymentRecord {
  readonly object: 'evidence_packet.stripe_payment_record';
  readonly dispute: string;
  readonly charge: string;
  readonly livemode: boolean;
  /** When the charge was made (ISO 8601, UTC): the exhibit's date. */
  readonly created: string;
  /** The table's rows, label then value, as the page shows them. */
  readonly rows: readonly (readonly [string, string])[];
}

/**
 * Where the record lives in the case folder: the page is the exhibit; the JSON beside it is
 * the data it shows, hidden (a dot file) so it is not read as evidence of its own.
 */
export const PAYMENT_RECORD_PDF = 'stripe-payment-record.pdf';
export const PAYMENT_RECORD_JSON = '.stripe-payment-record.json';

const check = (value: string | null | undefined): string => value ?? 'not checked';

/** Radar's review, when the charge carries it expanded: it is where Stripe keeps the buyer's IP location. */
function ipCountry(charge: Stripe.Charge): string {
  const review = charge.review;
  const country = review && typeof review === 'object' ? review.ip_address_location?.country : undefined;
  return country ?? 'not known (Stripe records it with a Radar review only)';
}

/** The facts Stripe recorded when the client paid: who, how much, the checks; of the card, the last four digits only. */
export function paymentRecord(dispute: Stripe.Dispute, charge: Stripe.Charge): PaymentRecord {
  const card = charge.payment_method_details?.card;
  const tds = card?.three_d_secure;
  const rows: [string, string][] = [
    ['Charge', charge.id],
    // Who paid, as the card's billing details (or the receipt) name them: the record shows the client.
    ['Billing name', charge.billing_details?.name ?? 'not given'],
    ['Email', charge.billing_details?.email ?? charge.receipt_email ?? 'not given'],
    ['Amount', formatAmount(amountFromMinor(charge.amount, charge.currency), charge.currency.toUpperCase()) ?? ''],
    ['Created', isoFromEpoch(charge.created).replace('T', ' ').replace('Z', ' UTC')],
    ['Card', card ? `${card.brand ?? 'card'} ending ${card.last4 ?? '????'}${card.country ? `, issued in ${card.country}` : ''}` : 'not a card payment'],
    ['Address line 1 check (AVS)', check(card?.checks?.address_line1_check)],
    ['Postal code check (AVS)', check(card?.checks?.address_postal_code_check)],
    ['CVC check', check(card?.checks?.cvc_check)],
    [
      '3-D Secure',
      tds ? [tds.result ?? 'attempted', tds.version ? `version ${tds.version}` : '', tds.authentication_flow ?? ''].filter(Boolean).join(', ') : 'not used',
    ],
    ['Radar risk level', charge.outcome?.risk_level ?? 'not assessed'],
    ['Network decision', [charge.outcome?.network_status, charge.outcome?.seller_message].filter(Boolean).join(': ') || 'not given'],
    ['IP country', ipCountry(charge)],
  ];
  return {
    object: 'evidence_packet.stripe_payment_record',
    dispute: dispute.id,
    charge: charge.id,
    livemode: dispute.livemode,
    created: isoFromEpoch(charge.created),
    rows: rows.map(([label, value]) => [label, maskText(value)] as const),
  };
}

/** Helvetica draws WinAnsi only; these values are Stripe's codes and ASCII, but a stray character must not stop the page. */
const winAnsi = (text: string): string => text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

/**
 * The record as a one-page table (US Letter), dated with the charge so the same record gives
 * the same bytes. The packet copies it in as a PDF document exhibit.
 */
export async function renderPaymentRecord(record: PaymentRecord): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = new Date(record.created);
  doc.setTitle(`Payment record, Stripe charge ${record.charge}`);
  doc.setProducer('evidence-packet');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const page = doc.addPage([612, 792]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 720;
  page.drawText('Payment record', { x: 72, y, size: 18, font: bold });
  y -= 22;
  page.drawText(winAnsi(`As recorded by Stripe for dispute ${record.dispute} (${record.livemode ? 'live' : 'test'} mode)`), {
    x: 72,
    y,
    size: 11,
    font: regular,
  });
  y -= 30;
  for (const [label, value] of record.rows) {
    page.drawLine({ start: { x: 72, y: y + 16 }, end: { x: 540, y: y + 16 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    page.drawText(winAnsi(label), { x: 72, y, size: 11, font: bold });
    page.drawText(winAnsi(value), { x: 260, y, size: 11, font: regular, maxWidth: 280, lineHeight: 14 });
    y -= value.length > 44 ? 38 : 24;
  }
  return doc.save({ useObjectStreams: false });
}
