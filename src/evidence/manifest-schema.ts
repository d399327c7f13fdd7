import { isIP } from 'node:net';
import { z } from 'zod';

/** x, y, width, height in image pixels. */
const rect = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().positive(), z.number().int().positive()]);

/** A region of one page of a PDF, in points from the page's top-left as a viewer shows it. */
const pageRect = z.strictObject({
  page: z.number().int().positive(),
  rect: z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().positive(), z.number().positive()]),
});

/** Pages of a PDF: a number, or a range like "3-5". */
const pageRange = z.union([z.number().int().positive(), z.string().regex(/^\s*\d+\s*-\s*\d+\s*$/, 'a page number or a range such as "3-5"')]);

/** Dates stay strings here: they are parsed later against the case's time zone. */
const dateText = z.string().min(1);

export const DISPUTE_REASONS = [
  'bank_cannot_process',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

/** Stripe's file evidence fields, in the order a pushed packet's files are numbered (see processors/stripe). */
export const STRIPE_FILE_FIELDS = [
  'customer_communication',
  'receipt',
  'service_documentation',
  'shipping_documentation',
  'refund_policy',
  'cancellation_policy',
  'customer_signature',
  'duplicate_charge_documentation',
  'uncategorized_file',
] as const;

export const CARD_NETWORKS = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'diners', 'cartes_bancaires', 'interac', 'eftpos_au'] as const;

/** What was sold, as case.yaml's `product_type:` names it: it picks the evidence checklist's rows. */
export const PRODUCT_TYPES = ['digital', 'service', 'physical', 'subscription', 'event', 'booking', 'other'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** What an exhibit proves, as the evidence checklist (rules/evidence-checklist.ts) counts it. */
export const EVIDENCE_CATEGORIES = [
  'customer_communication',
  'proof_of_delivery',
  'proof_of_use',
  'receipt',
  'terms_and_policy',
  'refund_history',
  'identity_match',
  'other',
] as const;
export type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];

export const manifestItemSchema = z.strictObject({
  file: z.string().min(1),
  /** What the exhibit proves, when its kind and content do not say (one category or several). */
  category: z.union([z.enum(EVIDENCE_CATEGORIES), z.array(z.enum(EVIDENCE_CATEGORIES)).min(1)]).optional(),
  date: dateText.optional(),
  note: z.string().optional(),
  /** Rectangles in pixels for an image; `{ page, rect }` in points for a PDF. */
  highlight: z.array(z.union([rect, pageRect])).optional(),
  redact: z.array(z.union([rect, pageRect])).optional(),
  /** For a PDF: the pages to show, e.g. [1, "3-4"]; all of them when not given. */
  pages: z.array(pageRange).min(1).optional(),
  crop: rect.optional(),
  /** false keeps uniform borders (by default they are trimmed when no crop is given). */
  trim: z.boolean().optional(),
  /** false keeps a wide image on an upright page (by default it goes on a landscape page when that shows it larger). */
  landscape: z.boolean().optional(),
  /** false shows a capture whole only (by default, text too small to read whole gets its text column shown enlarged). */
  focus: z.boolean().optional(),
  /** The Stripe evidence field this file is pushed in (`stripe push`), instead of the one its kind and name suggest. */
  stripeField: z.enum(STRIPE_FILE_FIELDS).optional(),
  // For chat exports: validated now so a case.yaml is checked whole.
  dateOrder: z.enum(['dmy', 'mdy', 'ymd']).optional(),
  /** Header names of a generic CSV, when they are not timestamp, sender, email, text. */
  columns: z
    .strictObject({
      timestamp: z.string().min(1).optional(),
      sender: z.string().min(1).optional(),
      email: z.string().min(1).optional(),
      text: z.string().min(1).optional(),
    })
    .optional(),
  select: z
    .strictObject({
      from: dateText.optional(),
      to: dateText.optional(),
      match: z.array(z.string().min(1)).optional(),
      context: z.number().int().nonnegative().optional(),
    })
    .optional(),
  notes: z
    .array(
      z.strictObject({ at: dateText.optional(), match: z.string().min(1).optional(), page: z.number().int().positive().optional(), note: z.string().min(1) }),
    )
    .optional(),
});

/** An IPv4 or IPv6 address, or a network of them in CIDR form (203.0.113.0/24). */
const ipOrNetwork = z.string().refine((v) => {
  const [address, bits, ...rest] = v.trim().split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}, 'an IP address such as 203.0.113.7, or a network such as 203.0.113.0/24');

/** Which lines of a web server's access log are the client's: every key given must hold. */
export const accessLogSchema = z.strictObject({
  ip: z.array(ipOrNetwork).min(1).optional(),
  user: z.string().min(1).optional(),
  match: z.array(z.string().min(1)).min(1).optional(),
});
export type AccessLogFilter = z.output<typeof accessLogSchema>;

export const manifestSchema = z.strictObject({
  case: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  profile: z.string().min(1).optional(),
  network: z.enum(CARD_NETWORKS).optional(),
  reason: z.enum(DISPUTE_REASONS).optional(),
  product_type: z.enum(PRODUCT_TYPES).optional(),
  /** The card network's reason code from the dispute notice (Visa 13.1, Mastercard 4853 …): it picks the checklist when `reason:` is not given. */
  reason_code: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  amount: z.number().nonnegative().optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 code such as USD')
    .transform((c) => c.toUpperCase())
    .optional(),
  due: dateText.optional(),
  transaction: z.strictObject({ id: z.string().min(1).optional(), date: dateText.optional() }).optional(),
  order: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  ticket: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  product: z.string().min(1).optional(),
  serviceDate: dateText.optional(),
  /** A cover-letter template inside the case folder, instead of templates/cover/<reason>.md. */
  template: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  client: z
    .strictObject({
      name: z.string().optional(),
      email: z.string().optional(),
      aliases: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    })
    .optional(),
  merchant: z.strictObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  summary: z.string().optional(),
  access_log: accessLogSchema.optional(),
  items: z.array(manifestItemSchema).optional(),
});

export type CaseManifest = z.output<typeof manifestSchema>;
export type ManifestItem = z.output<typeof manifestItemSchema>;
export type PageRect = z.output<typeof pageRect>;

/** Longest note and summary kept, in characters: a reviewer reads a paragraph, and a 10 MB note would only cost memory. */
export const TEXT_LIMITS: Readonly<Record<string, number>> = { note: 10_000, summary: 20_000, product: 1000 };
