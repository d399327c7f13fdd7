import { describeCaseFiles, validate, type FoundFile, type InitAnswers } from '../case/init-case.js';
import { UsageError } from '../errors.js';
import type { Prompter } from './prompts.js';

/**
 * A PDF whose text date and metadata date disagree: both are shown and the user picks one (or
 * types another); the one picked is written as the item's `date:`, so the choice is on record.
 */
export async function askDateConflict(
  p: Prompter,
  where: string,
  f: FoundFile & Required<Pick<FoundFile, 'date' | 'dateConflict'>>,
  zone: string | undefined,
): Promise<string | undefined> {
  const { other, why } = f.dateConflict;
  p.say(`${where}: two dates that disagree`);
  p.say(`  ${f.date.shown}, ${f.date.source} (used by the rule${why ? `: ${why}` : ''})`);
  p.say(`  ${other.shown}, ${other.source}`);
  const choice = await p.select({
    message: 'Which date is right?',
    choices: [
      { name: `${f.date.shown} (${f.date.source})`, value: 'used' },
      { name: `${other.shown} (${other.source})`, value: 'other' },
      { name: 'type the right date', value: 'type' },
    ],
    default: 'used',
  });
  if (choice === 'used') return f.date.iso;
  if (choice === 'other') return other.iso;
  const typed = await p.input({
    message: `When was it issued? (e.g. 2024-03-14 10:22${zone ? `, in ${zone}` : ', add an offset like +01:00'})`,
    validate: validate.date(zone),
  });
  return typed || f.date.iso;
}

/** What `init --yes` says about such a PDF: the rule's date is kept, and how to use the other. */
export function describeKeptDate(f: FoundFile): string | undefined {
  if (!f.date || !f.dateConflict) return undefined;
  const { other, why } = f.dateConflict;
  return `${f.file}: kept ${f.date.shown} (${f.date.source})${why ? ` because ${why}` : ''}; it also shows ${other.shown} (${other.source}) — set \`date:\` on its item in case.yaml to use that one`;
}

/** `init --yes`: one line per PDF whose dates disagree (no file is read as evidence by init otherwise). */
export async function keptDateLines(dir: string, answers: Omit<InitAnswers, 'items'>, existing: string | undefined): Promise<string[]> {
  const tz = answers.timezone;
  const options = { ...(tz ? { tz } : {}), clientName: answers.client.name, clientEmail: answers.client.email, exclude: existing ? [existing] : [] };
  let files: FoundFile[];
  try {
    files = await describeCaseFiles(dir, options);
  } catch (error) {
    // A folder with no evidence yet has no dates to disagree.
    if (error instanceof UsageError && error.code === 'CASE_NOT_A_CASE') return [];
    throw error;
  }
  return files.map(describeKeptDate).filter((line): line is string => line !== undefined);
}
