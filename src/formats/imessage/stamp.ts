import { dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * imessage-exporter's time, chrono's `%b %d, %Y %l:%M:%S %p` in the exporting Mac's local
 * zone ("May 17, 2022  5:29:42 PM", the hour padded with a space), optionally followed by
 * " (Read by you after 1 hour, 49 seconds)". Group 1 is the stamp, group 2 what follows it.
 */
export const STAMP = /^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} {1,2}\d{1,2}:\d{2}:\d{2} [AP]M)(.*)$/;

/** The stamp as an instant, placed in the case's zone (the export carries none). */
export function stampDate(stamp: string, zone: string | undefined): DateFact | undefined {
  const m = /^(\w{3}) (\d{1,2}), (\d{4}) {1,2}(\d{1,2}):(\d{2}):(\d{2}) ([AP])M$/.exec(stamp.trim());
  if (!m) return undefined;
  const hour = Number(m[4]);
  if (hour < 1 || hour > 12) return undefined;
  const local = {
    year: Number(m[3]),
    month: MONTHS.indexOf(m[1]!) + 1,
    day: Number(m[2]),
    hour: (hour % 12) + (m[7] === 'P' ? 12 : 0),
    minute: Number(m[5]),
    second: Number(m[6]),
  };
  return dateFactFromLocal(local, { text: stamp.trim(), source: 'export', ...(zone ? { zone } : {}) });
}

/** The export names the Mac's owner "Me"; others by contact name, phone number or email. */
export function senderFields(sender: string): { sender: string; senderEmail?: string } {
  return sender.includes('@') && !/\s/.test(sender) ? { sender, senderEmail: sender } : { sender };
}

/** A line that names an attachment: a path into the export's attachments folder or the Messages library. */
export function isAttachmentPath(line: string): boolean {
  return /^(?:attachments\/|~?\/.*\/Messages\/Attachments\/|\/Users\/[^/]+\/Library\/Messages\/)\S.*\.\w{2,5}$/i.test(line.trim());
}

/**
 * A sticker line of the TXT export (`format_sticker`): "[<effect> ]Sticker from <who>: <path>",
 * the effect one of Normal, Outline, Comic, Puffy, Shiny or another word. Returns the line
 * without its path, and the path, when the path names a file (not "Sticker from X not found!").
 */
export function stickerLine(line: string): { label: string; who: string; path: string } | undefined {
  const m = /^((?:\S+ )?Sticker from (.+?)): (.+)$/.exec(line.trim());
  if (!m) return undefined;
  // The sender's name may itself hold ": ": the path is what follows the first ": " that leads to one.
  let label = m[1]!;
  let who = m[2]!;
  let path = m[3]!;
  while (!isAttachmentPath(path)) {
    const at = path.indexOf(': ');
    if (at < 0) return undefined;
    label = `${label}: ${path.slice(0, at)}`;
    who = `${who}: ${path.slice(0, at)}`;
    path = path.slice(at + 2);
  }
  return { label, who, path: path.trim() };
}
