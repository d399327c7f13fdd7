import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { UsageError } from '../errors.js';
import type { CaseFacts, FactDifference } from './types.js';

export type { FactDifference };

export interface MergedCase {
  readonly text: string;
  /** Keys pull wrote, that case.yaml did not have. */
  readonly added: string[];
  readonly differences: FactDifference[];
}

/** The case.yaml entry of an exhibit pull wrote itself (the payment record). */
export interface PulledItem {
  readonly file: string;
  readonly date: string;
  readonly note: string;
  readonly stripeField: string;
}

type Scalar = string | number;

/** The facts as key paths and values, in the order case.yaml lists them. */
function factEntries(facts: CaseFacts): [string[], Scalar][] {
  const entries: [string[], Scalar | undefined][] = [
    [['case'], facts.case],
    [['profile'], facts.profile],
    [['network'], facts.network],
    [['reason'], facts.reason],
    [['amount'], facts.amount],
    [['currency'], facts.currency],
    [['due'], facts.due],
    [['transaction', 'id'], facts.transaction.id],
    [['transaction', 'date'], facts.transaction.date],
    [['product'], facts.product],
    [['client', 'name'], facts.client.name],
    [['client', 'email'], facts.client.email],
  ];
  return entries.filter((e): e is [string[], Scalar] => e[1] !== undefined);
}

/** Whether two values say the same: instants compared as instants, codes and emails without case. */
function same(key: string, yours: unknown, theirs: Scalar): boolean {
  if (typeof theirs === 'number') return Number(yours) === theirs;
  const text = String(yours).trim();
  if (key === 'due' || key === 'transaction.date') {
    const a = Date.parse(text);
    return Number.isFinite(a) && a === Date.parse(theirs);
  }
  if (key === 'currency' || key === 'client.email' || key === 'network') return text.toLowerCase() === theirs.toLowerCase();
  return text === theirs;
}

/**
 * case.yaml with the dispute's facts written where it has none: what the user wrote wins and
 * is reported where Stripe says otherwise. Comments and order are kept (YAML's document
 * model); a case.json stays JSON.
 */
export function mergeCase(existing: string | undefined, facts: CaseFacts, item: PulledItem, format: 'yaml' | 'json'): MergedCase {
  const doc = parseDocument(existing ?? '');
  if (doc.errors.length > 0 || (existing !== undefined && doc.contents !== null && !isMap(doc.contents))) {
    const detail = doc.errors[0]?.message.split('\n')[0] ?? 'it is not a map of keys';
    throw new UsageError('INIT_MANIFEST_INVALID', `the case's manifest does not parse (${detail}): pull leaves it as it is`, {
      hint: 'Fix it (`evidence-packet check` shows where), then pull again.',
    });
  }
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (existing === undefined) doc.commentBefore = ` Filled from Stripe dispute ${facts.case} by \`evidence-packet stripe pull\`; edit freely: your values win.`;
  const added: string[] = [];
  const differences: FactDifference[] = [];
  for (const [path, value] of factEntries(facts)) {
    const key = path.join('.');
    const yours = doc.getIn(path);
    if (yours === undefined || yours === null || yours === '') {
      doc.setIn(path, value);
      added.push(key);
    } else if (!same(key, yours, value)) differences.push({ key, yours: String(yours), processor: String(value) });
  }
  let items = doc.get('items');
  if (!isSeq(items)) {
    items = new YAMLSeq();
    doc.set('items', items);
  }
  const seq = items as YAMLSeq;
  const has = seq.items.some((entry) => isMap(entry) && entry.get('file') === item.file);
  if (!has) {
    seq.add(doc.createNode({ file: item.file, date: item.date, note: item.note, stripeField: item.stripeField }));
    added.push(`items[${seq.items.length - 1}]`);
  }
  const text = format === 'json' ? `${JSON.stringify(doc.toJS(), null, 2)}\n` : doc.toString({ lineWidth: 0 });
  return { text, added, differences };
}
