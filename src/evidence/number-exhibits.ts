import type { Exhibit } from './model.js';

/**
 * Each exhibit's number in packet order (from 1): one chat export is one exhibit, so the
 * excerpts it is cut into (where other exhibits fall between its messages) share the number
 * of its first excerpt and are told apart as its parts; every other exhibit takes the next number.
 */
export function numberExhibits(exhibits: readonly Exhibit[]): number[] {
  const chats = new Map<string, number>();
  let next = 0;
  return exhibits.map((exhibit) => {
    if (exhibit.kind !== 'chat' || !exhibit.excerpt) return ++next;
    const known = chats.get(exhibit.file);
    if (known !== undefined) return known;
    chats.set(exhibit.file, ++next);
    return next;
  });
}

/** Whether an exhibit is a later part of a chat export, whose number and note its first part carries. */
export function isLaterPart(exhibit: Exhibit): boolean {
  return exhibit.kind === 'chat' && (exhibit.excerpt?.part ?? 1) > 1;
}
