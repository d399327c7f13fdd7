/**
 * Every public finding code, its severity and its wording, in one table: one file on purpose,
 * so a code is added (never renamed) in one place and docs/findings.md is generated from it (npm run docs).
 */
import type { Finding, Severity } from '../evidence/model.js';

type Value = string | number;
type Args = Readonly<Record<string, Value>>;
type NoArgs = Record<never, never>;

/** A code's wording, from the args its findings carry (and the finding's file). */
interface CodeSpec<A> {
  readonly severity: Severity;
  /** `input` findings make check/build exit 2 (a broken manifest); `problem` ones exit 1. */
  readonly kind: 'input' | 'problem';
  readonly message: (a: A & { readonly file: string }) => string;
  readonly hint: (a: A & { readonly file: string }) => string;
}

/** Declares a code and the args its findings carry (none by default), so makeFinding checks them. */
function code<A extends Readonly<Record<string, Value | undefined>>>(spec: CodeSpec<A>): CodeSpec<A> {
  return spec;
}

/**
 * The public finding codes. Tests and scripts depend on them: add, never rename.
 * Wording is produced here from the code and its args, not where the finding is made.
 */
export const FINDING_CODES = {
  MANIFEST_TEXT_TOO_LONG: code<{ key: Value; length: Value; limit: Value }>({
    severity: 'warning',
    kind: 'input',
    message: (a) => `the ${a.key} is ${a.length} characters long; the packet shows its first ${a.limit}`,
    hint: (a) => `Shorten it to what a reviewer reads (${a.limit} characters at most); put long documents in the case folder as files.`,
  }),
  MANIFEST_PATTERN_UNSUPPORTED: code<{ pattern: Value; detail: Value }>({
    severity: 'warning',
    kind: 'input',
    message: (a) => `the pattern ${a.pattern} cannot be used as a regular expression (${a.detail}); it is matched as plain text`,
    hint: () =>
      'Patterns run on RE2, which is fast on any text but has no lookaround ((?=…), (?!…)) and no backreferences (\\1): rewrite it without them, or write plain words.',
  }),
  MANIFEST_SYNTAX: code<{ column?: Value; detail: Value; fix?: Value; format: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the manifest is not valid ${a.format}${a.column !== undefined ? ` (column ${a.column})` : ''}: ${a.detail}`,
    hint: (a) =>
      a.fix
        ? `At that line and column: ${a.fix}. Nothing else is checked until case.yaml parses.`
        : 'Fix the syntax at the line shown; `evidence-packet init` writes a valid case.yaml.',
  }),
  MANIFEST_UNKNOWN_KEY: code<{ key: Value; suggestion?: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `unknown key "${a.key}".${a.suggestion ? ` Did you mean "${a.suggestion}"?` : ''} The rest of the manifest is read`,
    hint: () => 'Remove it or fix its spelling; docs/case-yaml.md in the evidence-packet repository lists every case.yaml key.',
  }),
  MANIFEST_INVALID_VALUE: code<{ detail: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `invalid value: ${a.detail}`,
    hint: () => 'Correct the value; docs/case-yaml.md in the evidence-packet repository shows the expected form of every case.yaml key.',
  }),
  MANIFEST_DATE_INVALID: code<{ value: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `"${a.value}" is not a date and time`,
    hint: () => 'Write it as ISO 8601, e.g. 2024-03-14T10:22:00Z or 2024-03-14T10:22:00-04:00.',
  }),
  MANIFEST_TIMEZONE_INVALID: code<{ value: Value; suggestion?: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `"${a.value}" is not an IANA time zone.${a.suggestion ?? ''}`,
    hint: () => 'Use a zone name such as Europe/London or America/New_York.',
  }),
  MANIFEST_PATH_OUTSIDE_CASE: code<{ value: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the path "${a.value}" leads outside the case folder`,
    hint: () => 'Copy the file into the case folder and refer to it by a relative path.',
  }),
  MANIFEST_FILE_NOT_FOUND: code<{ value: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `no file "${a.value}" in the case folder`,
    hint: () => 'Check the spelling (paths are relative to the case folder and case-sensitive).',
  }),
  MANIFEST_MARK_OUTSIDE_IMAGE: code<{ height: Value; mark: Value; rect: Value; width: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the ${a.mark} rectangle [${a.rect}] is not inside the ${a.width} × ${a.height} image`,
    hint: () => 'Give x, y, width, height in the image’s own pixels, within its size.',
  }),
  MANIFEST_FIELD_IGNORED: code<{ key: Value; kind: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `"${a.key}" has no effect on a ${a.kind}`,
    hint: () => 'Remove the key, or move it to an item it applies to.',
  }),
  CASE_CLIENT_NAME_MISSING: code<NoArgs>({
    severity: 'error',
    kind: 'problem',
    message: () => 'the client’s name is not known',
    hint: () => 'Set client.name in case.yaml or pass --client-name "Jane Doe".',
  }),
  CASE_CLIENT_EMAIL_MISSING: code<NoArgs>({
    severity: 'error',
    kind: 'problem',
    message: () => 'the client’s email is not known',
    hint: () => 'Set client.email in case.yaml or pass --client-email jane@example.com.',
  }),
  CASE_CLIENT_EMAIL_INVALID: code<{ value: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `"${a.value}" is not an email address`,
    hint: () => 'Give the address the client used with the merchant, e.g. jane.doe@example.com.',
  }),
  CASE_TIMEZONE_MISSING: code<{ count: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.count} item(s) carry local times without a UTC offset; they were read as UTC`,
    hint: () => 'Set timezone in case.yaml (e.g. Europe/London) or pass --tz so local times are placed correctly.',
  }),
  CASE_EMPTY: code<NoArgs>({
    severity: 'error',
    kind: 'problem',
    message: () => 'the case has no exhibits',
    hint: () => 'Put screenshots and chat or email exports in the case folder; `evidence-packet formats` lists what is read.',
  }),
  ITEM_DATE_MISSING: code<{ at?: Value; snippet?: Value }>({
    severity: 'error',
    kind: 'problem',
    message: () => 'no date: the manifest, EXIF and the file name give none',
    hint: (a) => (a.snippet ? `Add to case.yaml ${a.at}:\n${a.snippet}` : `Give its item in case.yaml a date (date: 2024-03-14T10:22:00Z).`),
  }),
  ITEM_DAMAGED: code<{ detail: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the file is damaged: ${a.detail}; it is shown as far as it can be read`,
    hint: () => 'Use an undamaged copy of the original if you have one (export or capture it again); a reviewer may ask why the file is damaged.',
  }),
  ITEM_UNREADABLE: code<{ detail: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `cannot be read: ${a.detail}`,
    hint: () => 'Export or copy the file again from its source; the packet cannot include a broken file.',
  }),
  ITEM_UNSUPPORTED: code<{ detail: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `not a format evidence-packet reads (${a.detail}); it is left out of the packet`,
    hint: () => 'Run `evidence-packet formats` for what is read; convert the file, or move it out of the case folder.',
  }),
  ITEM_DUPLICATE: code<{ other: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `same content as ${a.other}; only that one is included`,
    hint: () => 'Delete one copy so the exhibit appears once.',
  }),
  ITEM_IMAGE_TOO_LARGE: code<{ height: Value; limit: Value; width: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `${a.width} × ${a.height} pixels is more than the ${a.limit} megapixels evidence-packet decodes`,
    hint: () => 'Crop the image to the part that matters (or split a scroll capture) before adding it.',
  }),
  ITEM_PDF_PASSWORD: code<NoArgs>({
    severity: 'error',
    kind: 'problem',
    message: () => 'is a PDF that needs a password to open: its pages cannot be copied into the packet',
    hint: (a) =>
      `Save an unlocked copy (qpdf --password=THE-PASSWORD --decrypt "${a.file}" unlocked.pdf, or print it to PDF from a viewer) and put that in the case folder instead.`,
  }),
  ITEM_PDF_RASTERISED: code<{ pages: Value; reason: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `page(s) ${a.pages} go into the packet as pictures, not as text: ${a.reason}`,
    hint: () =>
      'The pages stay legible but their text cannot be selected or searched. An unlocked, undamaged copy of the PDF keeps the text (qpdf --decrypt in.pdf out.pdf, or print it to PDF from a viewer).',
  }),
  ITEM_PDF_REDACTED: code<{ pages: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) =>
      `page(s) ${a.pages} go into the packet as pictures with the redacted areas blacked out in the pixels: the text under them is in no layer of the packet`,
    hint: () => 'Nothing to do. The rest of the PDF keeps its text.',
  }),
  ITEM_PDF_REPAIRED: code<NoArgs>({
    severity: 'warning',
    kind: 'problem',
    message: () => 'is a PDF whose cross-reference table is wrong (a damaged or hand-edited file): it was read by rebuilding the table from its objects',
    hint: () => 'Check its pages in the packet against the original; a copy saved again from its source avoids the doubt.',
  }),
  ITEM_PDF_TOO_MANY_PAGES: code<{ pages: Value; limit: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `has ${a.pages} pages, more than the ${a.limit} a packet takes from one PDF without a selection`,
    hint: () => 'Pick the pages that matter with pages: in case.yaml, e.g. pages: [1, "3-4"].',
  }),
  ITEM_PDF_ANNOTATIONS: code<{ pages: Value; kinds: Value; drawn: Value; dropped: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) =>
      `annotations on page(s) ${a.pages} (${a.kinds}): ${a.drawn} drawn into the page as they look, ${a.dropped} without an appearance left out; form fields are flattened, links do not work in the packet`,
    hint: () => 'Nothing to do unless a left-out annotation matters: then print the PDF to PDF from a viewer first.',
  }),
  ITEM_PDF_SCRIPT: code<NoArgs>({
    severity: 'info',
    kind: 'problem',
    message: () => 'holds JavaScript or actions: they are left out, only the pages as they look are copied',
    hint: () => 'Nothing to do: the packet never carries scripts, which processors refuse.',
  }),
  ITEM_PDF_IMAGE_TOO_LARGE: code<{ page: Value; width: Value; height: Value; limit: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `page ${a.page} holds a ${a.width} × ${a.height} pixel image, more than the ${a.limit} megapixels a packet page may carry`,
    hint: () => 'Leave that page out with pages: in case.yaml, or save the PDF again at a lower resolution (e.g. 300 dpi).',
  }),
  MANIFEST_PAGE_OUTSIDE: code<{ page: Value; pages: Value; key: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `${a.key} names page ${a.page}, but the PDF has ${a.pages} page(s)`,
    hint: () => 'Number pages from 1 as a PDF viewer does.',
  }),
  MANIFEST_MARK_OUTSIDE_PAGE: code<{ mark: Value; page: Value; rect: Value; width: Value; height: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the ${a.mark} rectangle [${a.rect}] on page ${a.page} is not inside the page (${a.width} × ${a.height} points)`,
    hint: () => 'Give x, y, width, height in points (1/72 inch) from the page’s top-left corner: the pixels of the page rendered at 72 dpi (pdftoppm -r 72).',
  }),
  ITEM_IMAGE_FRAMES: code<{ frames: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `has ${a.frames} frames; only the first is shown`,
    hint: () => 'If another frame matters, save it as its own PNG.',
  }),
  ITEM_IMAGE_BLANK: code<{ colour: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `is a single colour (${a.colour}) from edge to edge: it shows nothing`,
    hint: () => 'Capture the screen again, or remove the file from the case.',
  }),
  ITEM_CLIENT_NOT_VISIBLE: code<{ aliases?: Value; missing: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `OCR does not find the client’s ${a.missing} in the screenshot (the caption band shows them)`,
    hint: (a) =>
      `Reviewers want to see who wrote it: capture a view that shows ${a.missing}, or say in the note where the client is identified.${a.aliases === 'no' ? ' If the client appears under another name or number, add it to client.aliases in case.yaml.' : ''}`,
  }),
  ITEM_PDF_CLIENT_NOT_VISIBLE: code<{ missing: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the text of the PDF's pages shown (OCR for scanned ones) does not have the client’s ${a.missing}`,
    hint: () =>
      'Reviewers look for the client on the agreement or invoice: show the page that names them (pages:), or say in the note where the client is identified.',
  }),
  ITEM_DATE_NOT_VISIBLE: code<NoArgs>({
    severity: 'warning',
    kind: 'problem',
    message: () => 'OCR finds no date or time in the screenshot (the caption band shows the date)',
    hint: () => 'Capture a view that shows when the message was sent (scroll to the day header or hover for the time).',
  }),
  ITEM_DATE_FROM_TEXT: code<{ at?: Value; date: Value; snippet?: Value; text: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `neither case.yaml nor the PDF's metadata dates it; the date used is ${a.date}, found in its text: ${a.text}`,
    hint: (a) =>
      `Confirm it, so a date printed in the document is not the only source: ${a.snippet ? `add to case.yaml ${a.at}:\n${a.snippet}` : 'give its item in case.yaml a date.'}`,
  }),
  ITEM_DATE_FROM_OCR: code<{ at?: Value; date: Value; snippet?: Value; text: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `no file name, metadata or case.yaml dates it; the date used is ${a.date}, read by OCR from ${a.text}`,
    hint: (a) => `Confirm it, so OCR is not the only source: ${a.snippet ? `add to case.yaml ${a.at}:\n${a.snippet}` : 'give its item in case.yaml a date.'}`,
  }),
  ITEM_TEXT_TOO_SMALL: code<{ floor: Value; pt: Value; px: Value; tall?: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `its text is about ${a.px} px high and prints at about ${a.pt} pt, under the ${a.floor} pt a reviewer reads at 100 %`,
    hint: (a) =>
      `Crop it to the part that matters (crop: [x, y, width, height] in case.yaml) so it is placed larger${a.tall === 'yes' ? ', or split the capture' : ''}.`,
  }),
  ITEM_FOCUS_CROPPED: code<{ whole: Value; pt: Value; region: Value; outside: Value; layout: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) =>
      a.layout === 'below'
        ? `its text would print at about ${a.whole} pt whole, so the part holding it (${a.region}) is shown again below the whole image, enlarged, at about ${a.pt} pt${Number(a.outside) > 0 ? `; ${a.outside} word(s) standing apart from it are in the whole view only` : ''}`
        : `its text would print at about ${a.whole} pt whole, so its text column (${a.region}) is shown enlarged, at about ${a.pt} pt, with the whole capture reduced beside it${Number(a.outside) > 0 ? `; ${a.outside} word(s) outside the column (side bars, lists) are in the whole view only` : ''}`,
    hint: () => 'Nothing to do. focus: false on its item in case.yaml shows it whole only; a crop: of your own replaces the focus.',
  }),
  ITEM_OCR_FAILED: code<{ detail: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `OCR could not read the image (${a.detail}); whether it shows the client and the date was not checked`,
    hint: () => 'Check the image opens; run again with --no-ocr to skip OCR.',
  }),
  OCR_PARTIAL: code<NoArgs>({
    severity: 'info',
    kind: 'problem',
    message: () =>
      'OCR read the image once and stopped: the further readings a photo gets (word by word, smoothed, small lines enlarged) would pass its reading budget, so small text on it may be missed',
    hint: () =>
      'Nothing to do if the facts it needs are found. Otherwise give the date and who it shows in case.yaml, or crop the photo to the part that matters.',
  }),
  ITEM_LINK_OUTSIDE_CASE: code<{ target: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `is a link to ${a.target}, outside the case folder`,
    hint: () => 'Copy the file itself into the case folder.',
  }),
  ITEM_DATE_AMBIGUOUS: code<{ at?: Value; format: Value; orders: Value; sample: Value; snippet?: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the dates in this ${a.format} export can be read as ${a.orders}; every date in it has day and month up to 12 (e.g. "${a.sample}")`,
    hint: (a) => (a.snippet ? `Say which: add to case.yaml ${a.at}:\n${a.snippet}` : 'Say which with dateOrder: dmy (or mdy, ymd) on its item in case.yaml.'),
  }),
  CASE_FOLDER_SKIPPED: code<{ reason: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `the folder is not read: ${a.reason}`,
    hint: () =>
      'Nothing to do if it is not evidence; move evidence out of it. Name other files and folders to leave out in .evidenceignore (as in .gitignore).',
  }),
  ITEM_ZIP_ENTRY_SKIPPED: code<{ entry: Value; kind: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the archive's entry "${a.entry}" is a ${a.kind}, not a file: it is not read`,
    hint: () => 'Nothing to do if the export is as the app wrote it; a link in an export is unusual, so check where the zip came from.',
  }),
  ITEM_TOO_LARGE: code<{ format: Value; limit: Value; size: Value; detail?: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `${a.size} is more than the ${a.limit} a ${a.format} file is read up to${a.detail ? `: ${a.detail}` : ''}`,
    hint: () => 'Export a shorter date range (most apps can), or split the file.',
  }),
  CHAT_EMPTY: code<{ format: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `no messages in this ${a.format} export; it is left out`,
    hint: () => 'Check that the export is the conversation you meant, and export it again if it was cut short.',
  }),
  CHAT_MESSAGE_UNDATED: code<{ detail: Value; where: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.where} has no usable date (${a.detail}); that message is left out`,
    hint: () => 'Export the conversation again, or take a screenshot of that message and date it in case.yaml.',
  }),
  CHAT_CLIENT_ABSENT: code<{ messages: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the client does not write any of its ${a.messages} messages (by name, alias or email)`,
    hint: () => 'If the client appears under another name or number, add it to client.aliases in case.yaml.',
  }),
  CHAT_CLIENT_EMAIL_MISMATCH: code<{ expected: Value; found: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `a sender named like the client writes from ${a.found}, not ${a.expected} as case.yaml says`,
    hint: (a) => `If ${a.found} is the client too, add it to client.aliases; otherwise check who that sender is.`,
  }),
  CHAT_ATTACHMENT_NOT_SHOWN: code<{ name: Value; where: Value; limit: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the attachment "${a.name}" of message ${a.where} is too large to show (over ${a.limit}); it stays named in its message`,
    hint: () => 'Save the attachment from the email into the case folder as a file of its own, cropped or with pages: if it is large.',
  }),
  CHAT_NOTE_UNMATCHED: code<{ note: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the note "${a.note}" matches no message`,
    hint: () => 'Give `at` as the message’s time (to the minute, in the case’s zone) or a `match` text the message contains.',
  }),
  CHAT_NOTE_AMBIGUOUS: code<{ count: Value; note: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the note "${a.note}" matches ${a.count} messages; it is put on the first`,
    hint: () => 'Give both `at` and `match`, or a longer `match` text, so one message is meant.',
  }),
  CHAT_SELECTION_EMPTY: code<{ total: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `select keeps none of the ${a.total} messages; the export is left out`,
    hint: () => 'Widen from/to, or check the match texts (they are case-insensitive).',
  }),
  CHAT_TOO_MANY_MESSAGES: code<{ kept: Value; limit: Value; total: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `the export has ${a.total} messages; a packet shows at most ${a.limit} from one export`,
    hint: () => 'Choose the key moments with select (from, to, match, context) in case.yaml.',
  }),
  CHAT_TIMEZONE_MISSING: code<{ format: Value; zone: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the ${a.format} export writes local times with no offset, and the case has no time zone: ${a.zone} was assumed`,
    hint: () => 'Set timezone in case.yaml (the zone of the phone or computer that exported the chat), or pass --tz.',
  }),
  CHAT_TIMEZONE_STANDARD_OFFSET: code<{ offset: Value; where: Value; zone: Value; zones: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `Telegram Desktop writes the exporting computer's standard offset (${a.offset}) on every time, also in daylight-saving time, and ${a.zone}: times such as ${a.where} may be an hour off`,
    hint: (a) =>
      `Set \`timezone:\` in case.yaml to the zone of the computer that exported the chat (one with standard offset ${a.offset}, e.g. ${a.zones}); its summer times are then read right.`,
  }),
  CHAT_DATE_LAYOUT_MIXED: code<{ lines: Value; order: Value; sample: Value; where: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `${a.where} and ${a.lines} line(s) like it write the date in another layout ("${a.sample}") than the lines that decide the export's order; they are read as ${a.order} like those`,
    hint: (a) =>
      `Check those messages' dates in the packet; if they are wrong, say the order in case.yaml:\n  items:\n    - file: ${a.file}\n      dateOrder: dmy   # or mdy, ymd`,
  }),
  CHAT_MESSAGE_KIND_UNKNOWN: code<{ kind: Value; where: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.where} is a kind of message this reader does not know ("${a.kind}"); it is shown as "(${a.kind} message)"`,
    hint: () => 'Look at that message in the app, and take a screenshot of it if it matters; please report the kind so it can be read.',
  }),
  ITEM_CARD_REDACTED: code<{ count: Value; areas: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `OCR reads ${a.count} card number(s) in the screenshot: ${a.areas} area(s) are blacked out in its pixels before it is embedded`,
    hint: () =>
      'Check the exhibit page: the number is hidden. If something else was hidden, add a redact: of your own and say so in the note; the original file is not changed.',
  }),
  ITEM_PDF_CARD_REDACTED: code<{ pages: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `page(s) ${a.pages} hold a card number in their text: they go into the packet as pictures, the number blacked out, so it is in no layer of the packet`,
    hint: () => 'Check those pages in the packet; the original file is not changed.',
  }),
  SENSITIVE_CARD_NUMBER: code<{ last4: Value; where: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.where} contains a card number (ending ${a.last4}); it is masked to the last four digits in the packet`,
    hint: () => 'Nothing to do unless the number is not a card number; the original file is not changed.',
  }),
  TEXT_GLYPH_MISSING: code<{ chars: Value; count: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `the packet's fonts have no glyph for ${a.chars}; an emoji is shown as its [name], any other character as □`,
    hint: () => 'The meaning is usually kept; if a character matters, describe it in a note.',
  }),
  ITEM_DATE_IMPLAUSIBLE: code<{ date: Value; where: Value; bound: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `dated ${a.date}${a.where}: ${a.bound}, which no evidence of this dispute can be`,
    hint: (a) => `Check the source's clock or export; set the right date in case.yaml (items: - file: ${a.file}, date: …), or leave the file out.`,
  }),
  ITEM_DATE_CONFLICT: code<{ difference: Value; other: Value; otherText: Value; used: Value; usedText: Value; why?: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `the ${a.used} date (${a.usedText}) differs from the ${a.other} date (${a.otherText}) by ${a.difference}`,
    hint: (a) => `The ${a.used} date is used${a.why ? `: ${a.why}` : ''}. Set date in case.yaml if the other one is right.`,
  }),
  COVER_TEMPLATE_INVALID: code<{ detail: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the cover-letter template cannot be read as a template: ${a.detail}`,
    hint: () => 'Check that every {{#section}} is closed by {{/section}}.',
  }),
  COVER_UNKNOWN_PLACEHOLDER: code<{ name: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `the cover-letter template uses {{${a.name}}}, which is not a placeholder`,
    hint: () => 'Fix its spelling; docs/case-yaml.md in the evidence-packet repository lists the placeholders (case, amount, client.name, exhibits…).',
  }),
  COVER_VALUE_MISSING: code<{ name: Value; what: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the cover letter needs {{${a.name}}} (${a.what}), which the case does not give; it reads "[${a.what} not given]"`,
    hint: () => 'Add the value to case.yaml, or wrap that part of the template in {{#name}}…{{/name}}.',
  }),
  DEADLINE_PASSED: code<{ ago: Value; due: Value; local?: Value }>({
    // A warning, never a block: the date may be wrong or the processor may still take evidence,
    // and a packet written is worth more than none. `--strict` fails on it.
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the response deadline passed ${a.ago} ago: ${a.due}${a.local ? ` (${a.local} your time)` : ''}`,
    hint: () =>
      'Check the deadline with your processor (its dashboard shows the exact cut-off); some still accept evidence. Fix `due` in case.yaml if it is wrong.',
  }),
  DEADLINE_SOON: code<{ due: Value; left: Value; local?: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the response is due in ${a.left}: ${a.due}${a.local ? ` (${a.local} your time)` : ''}`,
    hint: () => 'Submit before then; evidence can usually be sent only once, so check the packet first.',
  }),
  STRIPE_FIELD_TRUNCATED: code<{ field: Value; length: Value; limit: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the Stripe field ${a.field} was cut to ${a.limit} characters (it had ${a.length})`,
    hint: () => 'Shorten the summary or the notes so the field fits.',
  }),
  PACKET_OVER_PAGE_LIMIT: code<{ drop?: Value; limit: Value; pages: Value; profile: Value; split?: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) => `the packet would have ${a.pages} pages, laid out as tightly as it can be; ${a.profile} accepts at most ${a.limit}`,
    hint: (a) =>
      `${a.drop ? `Leaving out ${a.drop} (the least important first: no note or highlight) would fit; or narrow` : 'Narrow'} the chats with select: in case.yaml${a.split ? ', or build with --split (its limit is per file)' : ''}, or pass --max-pages if your processor accepts more.`,
  }),
  PACKET_LIKELY_OVER_SIZE: code<{ costly: Value; drop?: Value; estimate: Value; limit: Value; profile: Value; split?: Value }>({
    severity: 'error',
    kind: 'problem',
    message: (a) =>
      `the packet would need about ${a.estimate} even with every image at the legibility floor; ${a.profile} accepts ${a.limit}. Costliest exhibits: ${a.costly}`,
    hint: (a) =>
      `Crop those exhibits to the part that matters (crop: in case.yaml)${a.drop ? `, or leave out ${a.drop}` : ''}${a.split ? ', or build with --split (its limit is per file)' : ''}. The estimate comes from a sample of the images; \`build\` measures exactly.`,
  }),
  PACKET_SPLIT: code<{ over: Value; profile: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `the packet is over ${a.profile}'s limit as one file (${a.over}); with --split it is written as several files, each within the limit`,
    hint: () => 'Send every file; each names the others on its cover.',
  }),
  // Issue 36: the first night.
  CASE_TIMEZONE_CONFLICT: code<{ example: Value; offsets: Value; zone: Value; zoneOffset: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `the case's time zone ${a.zone} (${a.zoneOffset}) agrees with none of the offsets the files carry (${a.offsets}, e.g. ${a.example}); the times written without an offset are placed in ${a.zone}`,
    hint: () => 'Set timezone in case.yaml to the zone of the phone or computer the chats were exported on (or pass --tz); if it is right, nothing to do.',
  }),
  ITEM_OWN_OUTPUT_SKIPPED: code<{ what: Value }>({
    severity: 'info',
    kind: 'problem',
    message: (a) => `not evidence: this is ${a.what} evidence-packet wrote, so it is left out`,
    hint: () => 'Nothing to do. Write packets and reports outside the case folder (build does when -o is not given).',
  }),
  // Hostile input (issue 37): what is not a file, a sender that looks like the client, what cannot be shown.
  ITEM_NOT_A_FILE: code<{ kind: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `is ${a.kind}, not a file: it is not read`,
    hint: () => 'Nothing to do if it is not evidence; copy the evidence itself into the case folder as a file.',
  }),
  CHAT_CLIENT_LOOKALIKE: code<{ address: Value; client: Value; difference: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.address} looks like the client's ${a.client} but is not it (${a.difference}): its messages are not marked as the client's`,
    hint: () => 'Check who sent these messages; if the address is the client’s too, add it to client.aliases in case.yaml.',
  }),
  ITEM_IMAGE_TOO_SMALL: code<{ width: Value; height: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `is ${a.width} × ${a.height} pixels: too small to show anything a reviewer can read`,
    hint: () => 'Use the full screenshot or photo; leave tracking pixels and icons out (.evidenceignore).',
  }),
  ITEM_ATTACHMENT_UNREADABLE: code<{ name: Value; where: Value; detail: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the attachment ${a.name} of ${a.where} cannot be read (${a.detail}): it is left out, still named in its message`,
    hint: () => 'Save the attachment from the original message and add it to the case folder as a file, if it matters.',
  }),
  // Hostile input, round 4 (issue 37): huge images, overlong messages, what the case names that is not a file.
  ITEM_IMAGE_LARGE: code<{ width: Value; height: Value; megapixels: Value; limit: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `is ${a.width} × ${a.height} pixels (${a.megapixels} MP), more than the ${a.limit} MP read in full: its borders are looked for on a reduced copy, and the packet shows it reduced to the page`,
    hint: () => 'Crop the image to the part that matters (or split a scroll capture), so what matters prints large enough to read.',
  }),
  CHAT_MESSAGE_TRUNCATED: code<{ where: Value; kept: Value; left: Value; unit: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) =>
      `the message at ${a.where} is too long to show: its first ${a.kept} ${a.unit} are shown, ${a.left} more are left out (the message says so where it is cut)`,
    hint: () => 'Quote the part that matters in the item’s note, or add the full text as a file of its own (a PDF) if a reviewer must see all of it.',
  }),
  MANIFEST_NOT_A_FILE: code<{ value: Value; kind: Value }>({
    severity: 'error',
    kind: 'input',
    message: (a) => `"${a.value}" is ${a.kind}, not a file: it is not read`,
    hint: () => 'Put a regular file there (a named pipe, device or socket is never read), or remove the entry.',
  }),
  // Evidence by reason (rules/evidence-checklist.ts), access logs and captures.
  EVIDENCE_MISSING: code<{ category: Value; label: Value; reason: Value; why: Value; productType?: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `no exhibit is ${a.label} evidence, which a “${a.reason}” dispute${a.productType ? ` for a ${a.productType} product` : ''} needs: ${a.why}`,
    hint: (a) =>
      `Add a file that shows it, or mark an exhibit that does with \`category: ${a.category}\` in its case.yaml item; docs/evidence-by-reason.md lists what each reason needs and why.`,
  }),
  ACCESS_LOG_LINES_DAMAGED: code<{ count: Value; first: Value; format: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `${a.count} line(s) of this ${a.format} log cannot be read (first at line ${a.first}); they are left out`,
    hint: () => 'Check the file is the server’s log as written (not cut or edited); the lines that read are shown.',
  }),
  ACCESS_LOG_NO_FILTER: code<NoArgs>({
    severity: 'warning',
    kind: 'problem',
    message: () =>
      'this access log is not shown: case.yaml has no `access_log:` naming the client’s IP addresses, user or match patterns, and other people’s visits never go into the packet',
    hint: () => 'Add `access_log: { ip: [203.0.113.7], user: jane@example.com }` to case.yaml with what identifies the client in the log.',
  }),
  ACCESS_LOG_NO_CLIENT_LINES: code<{ lines: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `none of the ${a.lines} line(s) of this access log is the client’s (by case.yaml \`access_log:\`); it is left out`,
    hint: () => 'Check the IP addresses, user and match patterns in `access_log:` against the log.',
  }),
  CAPTURE_SIDECAR_INVALID: code<{ detail: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the capture record beside this image cannot be read (${a.detail}); the image is shown without its provenance`,
    hint: () => 'Capture the page again with `evidence-packet capture <url>`; never edit the .capture.json by hand.',
  }),
  CAPTURE_WARC_CHANGED: code<{ warc: Value; state: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the WARC ${a.warc} named in this image's capture record is ${a.state}; the appendix does not name it`,
    hint: () => 'Put back the .warc.gz written with the capture (never edit it), or capture the page again with `evidence-packet capture <url> --warc`.',
  }),
  // Network reason codes (rules/network-reason-codes.ts): case.yaml's `reason_code:`.
  REASON_CODE_UNKNOWN: code<{ code: Value; network: Value }>({
    severity: 'info',
    kind: 'input',
    message: (a) => `reason_code ${a.code} (${a.network}) is not one the checklist knows; it is not used`,
    hint: () =>
      'Give the code as the bank’s notice shows it (Visa like 13.1, Mastercard like 4853) with `network:`, or give `reason:` instead; docs/evidence-by-reason.md lists the codes.',
  }),
  REASON_CODE_MISMATCH: code<{ code: Value; reason: Value; answers: Value }>({
    severity: 'warning',
    kind: 'input',
    message: (a) => `reason_code ${a.code} is a “${a.answers}” dispute, but case.yaml’s reason is “${a.reason}”; the checklist follows reason`,
    hint: () => 'Check both against the dispute notice: the reason the processor shows and the network’s code should say the same thing.',
  }),
  REASON_CODE_AMBIGUOUS: code<{ code: Value; answers: Value; chosen: Value }>({
    severity: 'info',
    kind: 'input',
    message: (a) => `reason_code ${a.code} covers several reasons (${a.answers}); the checklist is for “${a.chosen}”`,
    hint: () => 'Add `reason:` to case.yaml (the processor’s reason for the dispute) to pick the checklist that fits.',
  }),
  // Folder exports (issue 40): a message's file path that leaves the export.
  CHAT_ATTACHMENT_OUTSIDE_EXPORT: code<{ name: Value; where: Value; path: Value }>({
    severity: 'warning',
    kind: 'problem',
    message: (a) => `the attachment ${a.name} of ${a.where} points outside the export (${a.path}): it is not read, and stays named in its message`,
    hint: () => 'An export’s files stay inside its folder; if that file is evidence, copy it into the case folder as a file of its own.',
  }),
} satisfies Record<string, CodeSpec<never>>;

export type FindingCode = keyof typeof FINDING_CODES;

/** The args a finding of this code carries, as its wording reads them (the public `args` of `check --json`). */
export type FindingArgs<C extends FindingCode> = (typeof FINDING_CODES)[C] extends CodeSpec<infer A> ? A : never;

export function makeFinding<C extends FindingCode>(
  code: C,
  where: { file?: string; line?: number; path?: string } = {},
  ...args: Record<never, never> extends FindingArgs<C> ? [args?: FindingArgs<C>] : [args: FindingArgs<C>]
): Finding {
  const finding: Finding = { code, severity: FINDING_CODES[code].severity, ...where, args: (args[0] ?? {}) as Args };
  return finding;
}

export function describeFinding(finding: Finding): { message: string; hint: string } {
  const spec = (FINDING_CODES as unknown as Record<string, CodeSpec<Args>>)[finding.code];
  if (!spec) return { message: finding.code, hint: '' };
  const args = { ...finding.args, file: finding.file ?? '' };
  return { message: spec.message(args), hint: spec.hint(args) };
}

export function findingKind(finding: Finding): 'input' | 'problem' {
  return (FINDING_CODES as unknown as Record<string, CodeSpec<Args>>)[finding.code]?.kind ?? 'problem';
}

/** Stable order for output and tests: by file, line, code. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
}
