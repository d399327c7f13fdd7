import { PROFILES } from '../budget/profiles.js';
import { validate, type FoundFile, type InitAnswers } from '../case/init-case.js';
import { dueAssumption } from '../evidence/due-date.js';
import { askDateConflict } from './init-date-choice.js';
import { DISPUTE_REASONS, type ManifestItem } from '../evidence/manifest-schema.js';
import type { Prompter } from './prompts.js';

/** Answers known before asking: from flags, or the case.yaml being replaced. */
export interface InitDefaults {
  case?: string;
  profile?: string;
  network?: string;
  reason?: string;
  amount?: string;
  currency?: string;
  due?: string;
  timezone?: string;
  clientName?: string;
  clientEmail?: string;
  aliases?: string[];
  merchantName?: string;
  merchantEmail?: string;
  summary?: string;
  /** Where the merchant's name and email came from, when not asked for: the user config. */
  merchantFrom?: string;
}

const NONE = '(none)';

/** The case's facts, each validated at the prompt (a bad email is asked again). */
export async function askCaseFacts(p: Prompter, d: InitDefaults): Promise<Omit<InitAnswers, 'items'>> {
  const id = await p.input({ message: 'Dispute id (printed on every page)', default: d.case, validate: validate.caseId });
  const { profile, network } = await askProcessor(p, d);
  const reason = await p.select({
    message: 'Dispute reason (picks the cover letter)',
    choices: [...DISPUTE_REASONS.map((r) => ({ name: r, value: r as string })), { name: 'no cover letter', value: NONE }],
    default: d.reason ?? 'product_unacceptable',
  });
  const amount = await p.input({ message: 'Disputed amount (e.g. 499.00; Enter to skip)', default: d.amount, validate: validate.amount });
  const currency = amount ? await p.input({ message: 'Currency (ISO code)', default: d.currency ?? 'USD', validate: validate.currency }) : '';
  const timezone = await p.input({ message: 'Time zone of times written without an offset (IANA)', default: d.timezone, validate: validate.timezone });
  const due = await p.input({
    message: 'Response deadline, date and time as the processor shows it (e.g. 2024-04-02 23:59; Enter to skip)',
    default: d.due,
    validate: validate.date(timezone || undefined),
  });
  const assumed = dueAssumption(due, timezone);
  if (assumed) p.say(assumed);
  const clientName = await p.input({ message: 'Client’s name (as the processor knows the cardholder)', default: d.clientName, validate: validate.name });
  const clientEmail = await p.input({ message: 'Client’s email', default: d.clientEmail, validate: validate.email });
  const aliases = await p.input({
    message: 'Other names, phone numbers or emails the client uses in chats (comma-separated; Enter for none)',
    default: d.aliases?.join(', '),
  });
  const { merchantName, merchantEmail } = await askMerchant(p, d);
  const summary = await p.input({ message: 'Summary: what happened, in a sentence or two (Enter to skip)', default: d.summary });
  return factsFromAnswers({
    case: id,
    profile,
    ...(network !== NONE ? { network } : {}),
    ...(reason !== NONE ? { reason } : {}),
    amount,
    currency,
    due,
    timezone,
    clientName,
    clientEmail,
    aliases: splitList(aliases),
    merchantName,
    merchantEmail,
    summary,
  });
}

/** The processor, and the card network where the processor's limits depend on it. */
async function askProcessor(p: Prompter, d: InitDefaults): Promise<{ profile: string; network: string }> {
  const profile = await p.select({
    message: 'Payment processor (sets the size and page limits)',
    choices: PROFILES.map((x) => ({ name: `${x.name} — ${x.label}`, value: x.name, description: x.source })),
    default: d.profile ?? 'stripe',
  });
  const hasNetworkLimits = PROFILES.find((x) => x.name === profile)?.networkMaxPages !== undefined;
  const network = hasNetworkLimits
    ? await p.select({
        message: 'Card network (Mastercard disputes have a lower page limit)',
        choices: [
          { name: 'not known / other', value: NONE },
          { name: 'mastercard', value: 'mastercard' },
          { name: 'visa', value: 'visa' },
        ],
        default: d.network ?? NONE,
      })
    : (d.network ?? NONE);
  return { profile, network };
}

/** The business's name and email. */
async function askMerchant(p: Prompter, d: InitDefaults): Promise<{ merchantName: string; merchantEmail: string }> {
  // Known from the user config: said, not asked again for every case.
  if (d.merchantFrom) p.say(`Your business: ${d.merchantName} <${d.merchantEmail}> (from ${d.merchantFrom})`);
  const merchantName = d.merchantFrom ? d.merchantName! : await p.input({ message: 'Your business name (Enter to skip)', default: d.merchantName });
  const merchantEmail = d.merchantFrom
    ? d.merchantEmail!
    : await p.input({ message: 'Your support email (Enter to skip)', default: d.merchantEmail, validate: validate.optionalEmail });
  return { merchantName, merchantEmail };
}

/** The answers as case facts: empty answers left out, the amount a number, the currency upper case. */
export function factsFromAnswers(a: InitDefaults & { case: string; clientName: string; clientEmail: string }): Omit<InitAnswers, 'items'> {
  return {
    case: a.case,
    profile: a.profile ?? 'stripe',
    ...(a.network ? { network: a.network } : {}),
    ...(a.reason ? { reason: a.reason } : {}),
    ...(a.amount ? { amount: Number(a.amount), currency: (a.currency || 'USD').toUpperCase() } : {}),
    ...(a.due ? { due: a.due } : {}),
    ...(a.timezone ? { timezone: a.timezone } : {}),
    client: { name: a.clientName, email: a.clientEmail, aliases: a.aliases ?? [] },
    ...(a.merchantName || a.merchantEmail
      ? { merchant: { ...(a.merchantName ? { name: a.merchantName } : {}), ...(a.merchantEmail ? { email: a.merchantEmail } : {}) } }
      : {}),
    ...(a.summary ? { summary: a.summary } : {}),
  };
}

/**
 * Walks the evidence: shows each file's date and where it came from, lets the user keep or
 * type it, add a note, and for a chat export pick a date range and keywords.
 */
export async function askAboutFiles(p: Prompter, files: readonly FoundFile[], zone: string | undefined): Promise<ManifestItem[]> {
  const items: ManifestItem[] = [];
  p.say(files.length === 0 ? 'No evidence files found yet: add them to the folder and run `evidence-packet check`.' : `\n${files.length} evidence file(s):`);
  for (const [i, f] of files.entries()) {
    const where = `[${i + 1}/${files.length}] ${f.file}`;
    if (f.problems.includes('ITEM_PDF_TOO_MANY_PAGES') && f.document) {
      items.push(await askPages(p, where, f.file, f.document.pages));
      continue;
    }
    const blocking = f.problems.filter((code) => code !== 'ITEM_DATE_MISSING' && code !== 'ITEM_DATE_AMBIGUOUS');
    if (blocking.length > 0 && !f.date) {
      p.say(`${where}: cannot be used (${blocking.join(', ')}); \`evidence-packet check\` says why.`);
      continue;
    }
    const item = await askAboutFile(p, where, f, zone);
    if (item) items.push(item);
  }
  return items;
}

/** One usable file: its date (or, for a chat, its date order and which messages), and a note; nothing when all is as read. */
async function askAboutFile(p: Prompter, where: string, f: FoundFile, zone: string | undefined): Promise<ManifestItem | undefined> {
  let date: string | undefined;
  let select: ManifestItem['select'];
  let dateOrder: ManifestItem['dateOrder'];
  if (f.problems.includes('ITEM_DATE_AMBIGUOUS')) {
    p.say(`${where}: ${f.format ?? 'chat'} export whose dates read both as day/month and month/day`);
    dateOrder = await p.select({
      message: 'How are its dates written?',
      choices: [
        { name: 'day/month/year (e.g. 14/03/2024)', value: 'dmy' as const },
        { name: 'month/day/year (e.g. 03/14/2024)', value: 'mdy' as const },
        { name: 'year/month/day (e.g. 2024/03/14)', value: 'ymd' as const },
      ],
    });
  } else if (f.chat) {
    p.say(`${where}: ${f.format ?? 'chat'} export, ${f.chat.messages} message(s) from ${f.chat.first} to ${f.chat.last}`);
    if (f.attachments) p.say(`  it carries ${f.attachments.length} image or PDF attachment(s), each shown after its message: ${f.attachments.join(', ')}`);
    if (await p.confirm({ message: 'Show only some of its messages in the packet?', default: f.chat.messages > 200 })) select = await askSelect(p, zone);
  } else if (f.date && f.dateConflict) {
    date = await askDateConflict(p, where, { ...f, date: f.date, dateConflict: f.dateConflict }, zone);
  } else if (f.date) {
    const pages = f.document ? `PDF of ${f.document.pages} page(s), ` : '';
    p.say(`${where}: ${pages}${f.date.shown}, ${f.date.source}`);
    const keep = await p.select({
      message: 'Date',
      choices: [
        { name: 'keep this date', value: 'keep' },
        { name: 'type the right date', value: 'type' },
      ],
      default: 'keep',
    });
    if (keep === 'type') date = await askDate(p, zone, f.date.iso);
  } else {
    p.say(`${where}: no date found in the file, its metadata or its name`);
    date = await askDate(p, zone, undefined);
  }
  const note = await p.input({ message: 'Note: why this item matters (Enter to skip)' });
  const hasSelect = select !== undefined && Object.keys(select).length > 0;
  if (!(date || note || hasSelect || dateOrder)) return undefined;
  return { file: f.file, ...(date ? { date } : {}), ...(dateOrder ? { dateOrder } : {}), ...(note ? { note } : {}), ...(hasSelect ? { select } : {}) };
}

/** A chat's `select`: a date range, keywords, and the context kept around each match. */
async function askSelect(p: Prompter, zone: string | undefined): Promise<NonNullable<ManifestItem['select']>> {
  const from = await p.input({ message: 'From (date, e.g. 2024-03-10; Enter for the start)', validate: validate.date(zone) });
  const to = await p.input({ message: 'To (date; Enter for the end)', validate: validate.date(zone) });
  const match = splitList(await p.input({ message: 'Only messages with these words (comma-separated; Enter for all)' }));
  const context =
    match.length > 0
      ? Number(
          await p.input({
            message: 'Messages of context around each match',
            default: '2',
            validate: (v) => (/^\d{1,3}$/.test(v) ? true : 'A whole number, e.g. 2.'),
          }),
        )
      : undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(match.length > 0 ? { match } : {}), ...(context !== undefined ? { context } : {}) };
}

/** A PDF too long to show whole: which pages, as `pages: [1, "3-5"]`, and a note. */
async function askPages(p: Prompter, where: string, file: string, total: number): Promise<ManifestItem> {
  p.say(`${where}: PDF of ${total} pages, too many to show whole`);
  const parse = (text: string) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  const valid = (text: string): true | string => {
    const parts = parse(text);
    if (parts.length === 0) return 'Give at least one page, e.g. 1, 3-5.';
    for (const part of parts) {
      const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
      if (!m) return `"${part}" is not a page or a range such as 3-5.`;
      if (Math.max(Number(m[1]), Number(m[2] ?? m[1])) > total || Number(m[1]) < 1) return `The PDF has pages 1 to ${total}.`;
    }
    return true;
  };
  const answer = await p.input({ message: `Pages to show (e.g. 1, 3-5; 1 to ${total})`, validate: valid });
  const pages = parse(answer).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/\s+/g, '')));
  const note = await p.input({ message: 'Note: why this item matters (Enter to skip)' });
  return { file, pages, ...(note ? { note } : {}) };
}

async function askDate(p: Prompter, zone: string | undefined, fallback: string | undefined): Promise<string | undefined> {
  const typed = await p.input({
    message: `When was it sent or taken? (e.g. 2024-03-14 10:22${zone ? `, in ${zone}` : ', add an offset like +01:00'}${fallback ? '' : '; Enter to leave it for later'})`,
    validate: validate.date(zone),
  });
  return typed || undefined;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
