import { formatDateFact } from '../../evidence/dates.js';
import type { DateFact, DocumentPage, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';

const DAY_MS = 86_400_000;
/**
 * Documents whose date is the one printed on them: an invoice is dated when it was issued, not
 * when it was printed to PDF or exported again, which is all a PDF's metadata records.
 */
const DATED_BY_TEXT = /\b(invoice|receipt|agreement|contract|quot(e|ation)|estimate|order confirmation|rechnung|factura|facture)\b/i;

/**
 * The document's date from its candidates (most trusted first). When the metadata's date and
 * the date in the text are more than a day apart, an invoice, receipt or agreement takes its
 * text's date; any other document keeps the metadata's. Either way ITEM_DATE_CONFLICT says
 * which was used and why.
 */
export function chooseDocumentDate(
  file: string,
  candidates: readonly DateFact[],
  pages: readonly DocumentPage[],
  zone: string | undefined,
): { date: DateFact | undefined; findings: Finding[] } {
  const first = candidates[0];
  const text = candidates.find((c) => c.source === 'text');
  if (!first || !text || first.source !== 'metadata') return { date: first, findings: [] };
  const difference = Math.abs(first.epochMs - text.epochMs);
  if (difference <= DAY_MS) return { date: first, findings: [] };
  const byText = DATED_BY_TEXT.test(`${file}\n${pages[0]?.text ?? ''}`);
  const [date, other] = byText ? [text, first] : [first, text];
  const why = byText
    ? 'an invoice, receipt or agreement is dated by what it says; the metadata records when the file was made (printed or exported)'
    : 'the metadata records when the file was made; the date in its text may be another date it mentions';
  const finding = makeFinding(
    'ITEM_DATE_CONFLICT',
    { file },
    {
      used: date.source === 'text' ? 'text' : 'metadata',
      usedText: `${formatDateFact(date, zone)}, ${date.text}`,
      other: other.source === 'text' ? 'text' : 'metadata',
      otherText: `${formatDateFact(other, zone)}, ${other.text}`,
      difference: `${Math.round(difference / DAY_MS)} days`,
      why,
    },
  );
  return { date, findings: [finding] };
}
