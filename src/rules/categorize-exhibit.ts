import type { EvidenceCategory } from '../evidence/manifest-schema.js';
import type { CaseInfo, Exhibit } from '../evidence/model.js';

/** What an exhibit proves, and how that was known. */
export interface ExhibitCategories {
  readonly categories: readonly EvidenceCategory[];
  /** `case.yaml`, `kind` (a conversation), `name or note` (the file's name or its note), `text` (what the file says), or `none`. */
  readonly source: 'case.yaml' | 'kind' | 'name or note' | 'text' | 'none';
}

/**
 * Words that say what a piece of evidence is, in order: the first that matches decides, so a
 * "refund policy" is a policy, not a refund, and an invoice that mentions its terms is a receipt
 * only when no policy word leads. One category from content: a guess never claims more.
 */
const CONTENT_RULES: readonly (readonly [EvidenceCategory, RegExp])[] = [
  ['terms_and_policy', /\b(terms( of (service|sale|use))?|policy|policies|agreement|contract|conditions|checkout page)\b/i],
  ['refund_history', /\b(refund(ed|s)?|credit note|chargeback history)\b/i],
  ['receipt', /\b(invoice|receipt|order confirmation|payment confirmation|paid in full)\b/i],
  ['proof_of_use', /\b(access[ -]?log|download(ed|s)?|logged in|login|live (site|page)|still (runs|uses|using)|in use|usage)\b/i],
  ['proof_of_delivery', /\b(deliver(ed|y|ies)|shipped|shipping|tracking|handed over|hand-?over|dispatched)\b/i],
  ['customer_communication', /\b(e-?mail|chat|message|messages|conversation|wrote|writes|replied|asks|agrees|approves|confirms)\b/i],
];

/** How much of a document's or an image's text is looked at: what a title or a first page says. */
const TEXT_LOOKED_AT = 2000;

/** An exhibit's categories: case.yaml's `category:`, else its kind (a conversation), else its name, note and text. */
export function categorizeExhibit(info: CaseInfo, exhibit: Exhibit): ExhibitCategories {
  const given = info.categories?.[exhibit.file.replace(/\/+$/, '')];
  if (given && given.length > 0) return { categories: given as EvidenceCategory[], source: 'case.yaml' };
  if (exhibit.kind === 'chat') {
    // A log of the client's own requests shows use and ties them to it; any other conversation is their words.
    if (exhibit.format.startsWith('Access log')) return { categories: ['proof_of_use', 'identity_match'], source: 'kind' };
    // A conversation named or noted for what it carries ("delivery.eml") proves that too; its
    // messages' own words are not read for it: "never delivered" is the cardholder's claim.
    const carried = firstMatch(nameAndNote(exhibit));
    if (carried && carried !== 'customer_communication') return { categories: ['customer_communication', carried], source: 'name or note' };
    return { categories: ['customer_communication'], source: 'kind' };
  }
  const named = firstMatch(nameAndNote(exhibit));
  if (named) return { categories: [named], source: 'name or note' };
  const text =
    exhibit.kind === 'document'
      ? exhibit.pages
          .map((p) => p.text)
          .join('\n')
          .slice(0, TEXT_LOOKED_AT)
      : (exhibit.ocr?.text ?? '').slice(0, TEXT_LOOKED_AT);
  const read = firstMatch(text);
  if (read) return { categories: [read], source: 'text' };
  return { categories: ['other'], source: 'none' };
}

function nameAndNote(exhibit: Exhibit): string {
  return `${exhibit.file.replace(/[_\-.]+/g, ' ')}\n${exhibit.note?.value ?? ''}`;
}

function firstMatch(text: string): EvidenceCategory | undefined {
  return CONTENT_RULES.find(([, pattern]) => pattern.test(text))?.[0];
}
