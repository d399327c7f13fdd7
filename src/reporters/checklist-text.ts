import type { EvidenceChecklist } from '../rules/check-evidence.js';
import type { Style } from './style.js';

/** The checklist for people: each category the reason needs, present (with exhibit numbers) or missing (and why it matters). */
export function formatChecklist(checklist: EvidenceChecklist, c: Style): string {
  const head = `evidence for “${checklist.reason.replace(/_/g, ' ')}”${checklist.answeredAs !== checklist.reason ? ` (answered as ${checklist.answeredAs})` : ''}${checklist.reasonCode ? `, ${checklist.reasonCode.network === 'visa' ? 'Visa' : 'Mastercard'} reason code ${checklist.reasonCode.code} “${checklist.reasonCode.title}”` : ''}${checklist.productType ? `, product type ${checklist.productType}` : ', no product_type in case.yaml'}:`;
  const lines = checklist.entries.map((e) => {
    const need = e.need.padEnd(11);
    if (e.exhibits.length > 0) return `  ${c.green('present')}  ${need} ${e.label}: exhibit${e.exhibits.length > 1 ? 's' : ''} ${e.exhibits.join(', ')}`;
    const mark = e.need === 'required' ? c.yellow('MISSING') : c.dim('missing');
    return `  ${mark}  ${need} ${e.label}: ${c.dim(e.why)}`;
  });
  const sources = `  ${c.dim(`rules from: ${checklist.sources.map((s) => s.url).join(', ')}`)}`;
  return [head, ...lines, sources].join('\n');
}
