import { Lexer, type Token, type Tokens } from 'marked';

/** A run of a letter's text in one face. */
export interface LetterRun {
  readonly text: string;
  readonly face: 'regular' | 'bold' | 'italic' | 'mono';
}
type FontFace = LetterRun['face'];
type TextRun = LetterRun;

/**
 * A letter as the blocks a page writer sets one after another, indents in points: a
 * heading, a paragraph of runs (with a list item's marker set in its indent), a rule, a table.
 */
export type LetterBlock =
  | { readonly kind: 'heading'; readonly text: string; readonly size: number }
  | {
      readonly kind: 'rich';
      readonly runs: readonly LetterRun[];
      readonly indent: number;
      readonly marker?: { readonly text: string; readonly x: number };
      readonly after?: number;
    }
  | { readonly kind: 'rule' }
  | { readonly kind: 'table'; readonly indent: number; readonly rows: readonly (readonly string[])[] };

/** Collects blocks in order. */
class BlockList {
  readonly blocks: LetterBlock[] = [];
  constructor(readonly bodySize: number) {}
  heading(text: string, size: number): void {
    this.blocks.push({ kind: 'heading', text, size });
  }
  rich(runs: readonly LetterRun[], options: { indent: number; marker?: { text: string; x: number }; after?: number }): void {
    this.blocks.push({ kind: 'rich', runs, ...options });
  }
  rule(): void {
    this.blocks.push({ kind: 'rule' });
  }
  table(indent: number, rows: readonly (readonly string[])[]): void {
    this.blocks.push({ kind: 'table', indent, rows });
  }
}

/**
 * Cover letters are Markdown (CommonMark with GitHub's tables and strikethrough, read by
 * marked): headings, paragraphs, **bold**, *italic*, `code`, links, numbered and bulleted
 * lists (nested too), quotes, rules, code blocks and tables become the letter's text.
 * Raw HTML tags are dropped, keeping their text; an image is named, not drawn.
 */
export function letterBlocks(text: string, options: { readonly bodySize: number }): LetterBlock[] {
  const w = new BlockList(options.bodySize);
  blocks(w, new Lexer({ gfm: true }).lex(text), 0);
  return w.blocks;
}

/** The letter as plain text (Stripe's text fields): marks gone, list numbers and link targets kept. */
export function markdownToPlain(text: string): string {
  const out: string[] = [];
  const walk = (tokens: readonly Token[], prefix: string) => {
    for (const token of tokens) {
      const t = token as Tokens.Generic;
      if (t.type === 'list') {
        const list = t as Tokens.List;
        list.items.forEach((item, k) => {
          const marker = list.ordered ? `${Number(list.start || 1) + k}. ` : '• ';
          const [first, ...rest] = item.tokens;
          out.push(
            prefix +
              marker +
              (first ? runsText(inline(first.type === 'text' || first.type === 'paragraph' ? ((first as Tokens.Text).tokens ?? [first]) : [first])) : ''),
          );
          walk(rest, prefix + '  ');
        });
        continue;
      }
      if (t.type === 'heading' || t.type === 'paragraph' || t.type === 'text') out.push(prefix + runsText(inline(t.tokens ?? [t])));
      else if (t.type === 'blockquote') walk(t.tokens ?? [], prefix + '> ');
      else if (t.type === 'code')
        out.push(
          ...String(t.text)
            .split('\n')
            .map((l) => prefix + l),
        );
      else if (t.type === 'table') for (const row of tableRows(t as Tokens.Table)) out.push(prefix + row.join(' | '));
      else if (t.type === 'hr') out.push(prefix + '———');
      else if (t.type === 'html') out.push(prefix + stripTags(String(t.text)).trim());
      else continue;
      if (!prefix) out.push('');
    }
  };
  walk(new Lexer({ gfm: true }).lex(text), '');
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Marks in a value filled into a letter, escaped, so the value prints as it is (an order id
 * *A-1*, a summary that starts "1."); characters Markdown leaves alone (dp_1234, [note]) stay.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*<~|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|\](?=[([:])/gu, '\\$&')
    .replace(/^(\s*)(?:([-+=>#])|(\d+)([.)]))/gm, (_m, space: string, mark?: string, digits?: string, dot?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
    );
}

const INDENT = 14;

function blocks(w: BlockList, tokens: readonly Token[], indent: number): void {
  for (const token of tokens) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'heading':
        w.heading(runsText(inline(t.tokens ?? [])), t.depth === 1 ? 13 : 12);
        break;
      case 'paragraph':
      case 'text':
        w.rich(inline(t.tokens ?? [t]), { indent });
        break;
      case 'list':
        list(w, t as Tokens.List, indent);
        break;
      case 'blockquote':
        blocks(w, t.tokens ?? [], indent + INDENT);
        break;
      case 'code':
        w.rich([{ text: String(t.text), face: 'mono' }], { indent: indent + INDENT });
        break;
      case 'hr':
        w.rule();
        break;
      case 'table': {
        w.table(indent, tableRows(t as Tokens.Table));
        break;
      }
      case 'html': {
        const plain = stripTags(String(t.text)).trim();
        if (plain) w.rich([{ text: plain, face: 'regular' }], { indent });
        break;
      }
    }
  }
}

/** Each item with its marker (•, or its number counted from the list's start) in the indent. */
function list(w: BlockList, list: Tokens.List, indent: number): void {
  const start = Number(list.start || 1);
  const markers = list.items.map((_, k) => (list.ordered ? `${start + k}.` : '•'));
  // Room for the widest number ("10."), at least the bullet's.
  const textIndent = indent + Math.max(INDENT, Math.max(...markers.map((m) => m.length)) * w.bodySize * 0.62 + 4);
  list.items.forEach((item, k) => {
    const [first, ...rest] = item.tokens;
    const marker = { text: markers[k]!, x: indent + 3 };
    if (first && (first.type === 'text' || first.type === 'paragraph')) {
      w.rich(inline((first as Tokens.Text).tokens ?? [first]), { indent: textIndent, marker, after: 2 });
      blocks(w, rest, textIndent);
    } else {
      w.rich([], { indent: textIndent, marker, after: 2 });
      blocks(w, item.tokens, textIndent);
    }
  });
}

function tableRows(table: Tokens.Table): string[][] {
  return [table.header, ...table.rows].map((row) => row.map((cell) => runsText(inline(cell.tokens))));
}

/** Inline tokens as runs of text in the face their marks ask for. */
function inline(tokens: readonly Token[], face: FontFace = 'regular'): TextRun[] {
  const runs: TextRun[] = [];
  for (const token of tokens) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'strong':
        runs.push(...inline(t.tokens ?? [], face === 'mono' ? 'mono' : 'bold'));
        break;
      case 'em':
        runs.push(...inline(t.tokens ?? [], face === 'regular' ? 'italic' : face));
        break;
      case 'codespan':
        runs.push({ text: decodeEntities(String(t.text)), face: 'mono' });
        break;
      case 'link': {
        runs.push(...inline(t.tokens ?? [], face));
        const href = String(t.href).replace(/^mailto:/, '');
        const shown = runsText(inline(t.tokens ?? []));
        // On paper a link is only its text: the address is printed after it, unless it is the text.
        if (href && href !== shown && `http://${shown}` !== href) runs.push({ text: ` (${href})`, face });
        break;
      }
      case 'image':
        runs.push({ text: `[image: ${String(t.text || t.href)}]`, face });
        break;
      case 'br':
        runs.push({ text: '\n', face });
        break;
      case 'html':
        break;
      default:
        if (t.tokens?.length) runs.push(...inline(t.tokens, face));
        // A line break inside a paragraph is a space (a hard break is its own token).
        else if (typeof t.text === 'string') runs.push({ text: decodeEntities(t.text).replace(/\s*\n\s*/g, ' '), face });
    }
  }
  return runs;
}

function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** marked leaves a few character references in text as it found them. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}
