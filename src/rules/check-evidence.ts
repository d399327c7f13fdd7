import { numberExhibits } from '../evidence/number-exhibits.js';
import type { EvidenceCategory } from '../evidence/manifest-schema.js';
import type { CaseInfo, Exhibit, Finding } from '../evidence/model.js';
import { categorizeExhibit, type ExhibitCategories } from './categorize-exhibit.js';
import { makeFinding } from './codes.js';
import { CATEGORY_INFO, checklistReason, RULE_SOURCES, rulesFor, type ChecklistReason, type RuleSourceId } from './evidence-checklist.js';
import { resolveReason } from './network-reason-codes.js';

/** One line of the checklist: a category the reason needs, and the exhibits (1-based, packet order) that show it. */
export interface ChecklistEntry {
  readonly category: EvidenceCategory;
  readonly label: string;
  readonly need: 'required' | 'recommended';
  readonly exhibits: readonly number[];
  readonly why: string;
}

/** What the dispute reason and product type need, what the exhibits show, and the guidance behind it. */
export interface EvidenceChecklist {
  readonly reason: string;
  /** The table's row the reason is answered by (its own, or `general`). */
  readonly answeredAs: ChecklistReason;
  readonly productType?: string;
  /** case.yaml's `reason_code:`, when the table knows it. */
  readonly reasonCode?: { readonly network: string; readonly code: string; readonly title: string };
  readonly entries: readonly ChecklistEntry[];
  readonly sources: readonly { readonly id: RuleSourceId; readonly title: string; readonly url: string }[];
}

export interface EvidenceCheck {
  /** Per exhibit, in packet order. */
  readonly categories: readonly ExhibitCategories[];
  /** Undefined when the case names no reason: there is nothing to answer. */
  readonly checklist?: EvidenceChecklist;
  readonly findings: Finding[];
}

/** Categorises every exhibit and, for a case with a reason, lists what it needs and warns (EVIDENCE_MISSING) for each required category no exhibit shows. */
export function checkEvidence(info: CaseInfo, exhibits: readonly Exhibit[]): EvidenceCheck {
  const categories = exhibits.map((e) => categorizeExhibit(info, e));
  const resolved = resolveReason(info);
  const reason = resolved.reason;
  if (!reason) return { categories, findings: resolved.findings };
  const rules = rulesFor(reason, info.productType);
  const required = new Set(rules.flatMap((r) => r.required));
  const recommended = [...new Set(rules.flatMap((r) => r.recommended))].filter((c) => !required.has(c));
  // By the numbers the packet gives them: a chat's excerpts are one exhibit, named once.
  const numbers = numberExhibits(exhibits);
  const showing = (category: EvidenceCategory) => [...new Set(categories.flatMap((c, i) => (c.categories.includes(category) ? [numbers[i] ?? i + 1] : [])))];
  const entry = (category: EvidenceCategory, need: ChecklistEntry['need']): ChecklistEntry => ({
    category,
    label: CATEGORY_INFO[category].label,
    need,
    exhibits: showing(category),
    why: CATEGORY_INFO[category].why,
  });
  const entries = [...[...required].map((c) => entry(c, 'required')), ...recommended.map((c) => entry(c, 'recommended'))];
  const sourceIds = [...new Set([...rules.flatMap((r) => r.sources), ...(resolved.code?.sources ?? [])])];
  const code = resolved.code;
  const checklist: EvidenceChecklist = {
    reason,
    answeredAs: checklistReason(reason),
    ...(info.productType ? { productType: info.productType } : {}),
    ...(code ? { reasonCode: { network: code.network, code: code.code, title: code.title } } : {}),
    entries,
    sources: sourceIds.map((id) => ({ id, ...RULE_SOURCES[id] })),
  };
  const findings = entries
    .filter((e) => e.need === 'required' && e.exhibits.length === 0)
    .map((e) =>
      makeFinding(
        'EVIDENCE_MISSING',
        {},
        {
          category: e.category,
          label: e.label,
          reason: reason.replace(/_/g, ' '),
          why: e.why,
          ...(info.productType ? { productType: info.productType } : {}),
        },
      ),
    );
  return { categories, checklist, findings: [...resolved.findings, ...findings] };
}

/** "customer communication (Exhibits 1, 3), receipt (Exhibit 2)": what the exhibits prove, for the letter; undefined when they prove nothing the checklist counts. */
export function describeProven(check: EvidenceCheck, numbers: readonly number[] = []): string | undefined {
  const byCategory = new Map<EvidenceCategory, number[]>();
  check.categories.forEach((c, i) => {
    const n = numbers[i] ?? i + 1;
    for (const category of c.categories) {
      const known = byCategory.get(category) ?? [];
      // A chat's excerpts are one exhibit: named once.
      if (category !== 'other' && !known.includes(n)) byCategory.set(category, [...known, n]);
    }
  });
  const order = Object.keys(CATEGORY_INFO) as EvidenceCategory[];
  const parts = order
    .filter((c) => byCategory.has(c))
    .map((c) => {
      const numbers = byCategory.get(c)!;
      return `${CATEGORY_INFO[c].label} (Exhibit${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')})`;
    });
  return parts.length > 0 ? parts.join('; ') : undefined;
}
