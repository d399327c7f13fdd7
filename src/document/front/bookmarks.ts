import type { PlanContext } from '../plan-context.js';
import { exhibitKindLabel, formatExhibitDate } from '../../evidence/describe.js';
import type { PlannedPage } from '../types.js';
import { isLaterPart } from '../../evidence/number-exhibits.js';

/** Bookmarks longer than this are cut: a viewer's outline pane is narrow. */
const BOOKMARK_LENGTH = 120;

/**
 * Each exhibit page's bookmark: its number, date and note (or what it is), so the outline
 * reads as the case's time line — "Exhibit 3 · 2024-03-14 10:22 · Client approves the theme".
 */
export function withBookmarks(ctx: PlanContext, pages: readonly PlannedPage[]): PlannedPage[] {
  const { input } = ctx;
  const { number } = ctx.numbering;
  return pages.map((page) => {
    if (page.kind !== 'exhibit' || page.exhibit === undefined) return page;
    const exhibit = input.exhibits[page.exhibit];
    if (!exhibit) return page;
    const date = formatExhibitDate(exhibit, input.info).slice(0, 16);
    const part = exhibit.kind === 'chat' && exhibit.excerpt ? `part ${exhibit.excerpt.part} of ${exhibit.excerpt.parts} · ` : '';
    // A chat's note is said once, at its first part.
    const what = part + ((isLaterPart(exhibit) ? undefined : exhibit.note?.value) ?? `${exhibitKindLabel(exhibit)} · ${exhibit.file}`);
    const text = `${page.label.startsWith('Exhibits') ? page.label : `Exhibit ${number(page.exhibit)}`} · ${date} · ${what.replace(/\s+/g, ' ')}`;
    return { ...page, bookmark: text.length > BOOKMARK_LENGTH ? `${text.slice(0, BOOKMARK_LENGTH - 1)}…` : text };
  });
}
