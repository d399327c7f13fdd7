import { formatDateFact } from './dates.js';
import { isPhotoFormat, type CaseInfo, type DateFact, type Exhibit, type Fact } from './model.js';

const SOURCE_LABEL: Record<DateFact['source'], string> = {
  manifest: 'case.yaml',
  export: 'the export',
  sidecar: 'a sidecar file',
  exif: 'EXIF',
  metadata: 'the PDF’s metadata',
  text: 'the PDF’s page text',
  filename: 'the file name',
  ocr: 'text read from the image',
};

/**
 * "from the file name (zone assumed: Europe/London)" — how a reviewer can verify a date. A zone
 * the user set (`caseZone`: case.yaml's timezone or --tz) is said to come from there, not assumed.
 */
export function describeDateSource(date: DateFact, caseZone?: Fact<string>): string {
  const assumed = date.zone.startsWith('assumed:') ? date.zone.slice('assumed:'.length) : undefined;
  const zone =
    date.zone === 'offset'
      ? 'offset in the source'
      : date.zone === 'epoch'
        ? 'UTC timestamp'
        : assumed === caseZone?.value
          ? `zone from ${caseZone!.source}: ${assumed}`
          : `zone assumed: ${assumed}`;
  return `${describeDateOrigin(date)} (${zone})`;
}

/** "from the file name": where a date came from, without how its zone was known (said where the exhibit is shown). */
export function describeDateOrigin(date: DateFact): string {
  return `from ${SOURCE_LABEL[date.source]}`;
}

export function formatExhibitDate(exhibit: Exhibit, info: CaseInfo): string {
  return formatDateFact(exhibit.date, info.timezone?.value);
}

export function exhibitKindLabel(exhibit: Exhibit): string {
  if (exhibit.kind === 'chat') return exhibit.format;
  if (exhibit.kind === 'document') return 'PDF document';
  return isPhotoFormat(exhibit.image.format) ? 'Photo' : 'Screenshot';
}

/** The last instant an exhibit shows (a chat's last message). */
export function exhibitEndDate(exhibit: Exhibit): DateFact {
  return exhibit.kind === 'chat' ? (exhibit.messages[exhibit.messages.length - 1]?.date ?? exhibit.date) : exhibit.date;
}

export function clientLine(info: CaseInfo): string {
  const name = info.client.name?.value ?? '(name not given)';
  const email = info.client.email?.value ?? '(email not given)';
  return `${name} <${email}>`;
}

export function formatAmount(amount: number | undefined, currency: string | undefined): string | undefined {
  if (amount === undefined) return undefined;
  if (!currency) return amount.toFixed(2);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
  } catch {
    return `${currency} ${amount.toFixed(2)}`;
  }
}

export function humanizeReason(reason: string): string {
  const text = reason.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
