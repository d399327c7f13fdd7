import type { ChatExhibit, ChatMessage, Exhibit } from '../evidence/model.js';

interface Unit {
  readonly at: number;
  readonly file: string;
  readonly seq: number;
  readonly sub: number;
  readonly exhibit: Exhibit;
  readonly message?: ChatMessage;
}

function compare(a: Unit, b: Unit): number {
  return a.at - b.at || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.seq - b.seq || a.sub - b.sub;
}

/**
 * The packet's order: everything in time order, ties by file name. A chat's messages are
 * placed one by one, so a chat is cut into excerpts where another exhibit falls between two
 * of its messages; an image a message refers to comes right after that message.
 */
export function orderExhibits(exhibits: readonly Exhibit[]): Exhibit[] {
  const units: Unit[] = [];
  for (const exhibit of exhibits) {
    if (exhibit.kind === 'chat') {
      for (const message of exhibit.messages) units.push({ at: message.date.epochMs, file: exhibit.file, seq: message.seq, sub: 0, exhibit, message });
    } else if (exhibit.follows) {
      units.push({ at: exhibit.date.epochMs, file: exhibit.follows.file, seq: exhibit.follows.seq, sub: 1, exhibit });
    } else units.push({ at: exhibit.date.epochMs, file: exhibit.file, seq: -1, sub: 0, exhibit });
  }
  units.sort(compare);

  const out: Exhibit[] = [];
  let run: { chat: ChatExhibit; messages: ChatMessage[] } | undefined;
  const flush = () => {
    if (run) out.push({ ...run.chat, date: run.messages[0]!.date, messages: run.messages });
    run = undefined;
  };
  for (const unit of units) {
    if (unit.message && unit.exhibit.kind === 'chat') {
      if (run && run.chat === unit.exhibit) run.messages.push(unit.message);
      else {
        flush();
        run = { chat: unit.exhibit, messages: [unit.message] };
      }
    } else {
      flush();
      out.push(unit.exhibit);
    }
  }
  flush();
  // Number the excerpts of each chat: "part 2 of 3".
  const parts = new Map<string, number>();
  for (const e of out) if (e.kind === 'chat') parts.set(e.file, (parts.get(e.file) ?? 0) + 1);
  const seen = new Map<string, number>();
  return out.map((e) => {
    if (e.kind !== 'chat' || (parts.get(e.file) ?? 1) === 1) return e;
    const part = (seen.get(e.file) ?? 0) + 1;
    seen.set(e.file, part);
    return { ...e, excerpt: { part, parts: parts.get(e.file)! } };
  });
}
