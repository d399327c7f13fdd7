/**
 * The little of the DOM the HTML chat readers need, over htmlparser2 (which tolerates the
 * unclosed tags and stray markup exported pages carry, and decodes entities).
 */
import type { AnyNode, Document, Element } from 'domhandler';
import { htmlLibs } from './html-libs.js';

export type { Element } from 'domhandler';

export function parseHtml(text: string): Document {
  return htmlLibs().htmlparser2.parseDocument(text, { decodeEntities: true, lowerCaseTags: true, withStartIndices: true, withEndIndices: true });
}

/**
 * Whether the element's end tag is in the file: in a file cut short the parser closes what
 * is open at the end, so a message cut off reads as whole unless this is asked.
 */
export function isWhole(el: Element, html: string): boolean {
  if (el.startIndex === null || el.endIndex === null) return false;
  return new RegExp(`</\\s*${el.name}\\s*>$`, 'i').test(html.slice(el.startIndex, el.endIndex + 1));
}

export function hasClass(el: Element, name: string): boolean {
  const value = el.attribs.class;
  return value?.split(/\s+/).includes(name) === true;
}

/** Every element under `root` (document order) whose class list holds all of `names`. */
export function allWithClass(root: AnyNode | AnyNode[], ...names: string[]): Element[] {
  return htmlLibs().domutils.findAll((el) => names.every((n) => hasClass(el, n)), Array.isArray(root) ? root : childNodes(root));
}

export function firstWithClass(root: AnyNode, ...names: string[]): Element | undefined {
  return htmlLibs().domutils.findOne((el) => names.every((n) => hasClass(el, n)), childNodes(root), true) ?? undefined;
}

export function firstTag(root: AnyNode, tag: string): Element | undefined {
  return htmlLibs().domutils.findOne((el) => el.name === tag, childNodes(root), true) ?? undefined;
}

export function attr(el: Element | undefined, name: string): string | undefined {
  return el ? htmlLibs().domutils.getAttributeValue(el, name) : undefined;
}

/** The element children of a node. */
export function elementChildren(node: AnyNode): Element[] {
  return childNodes(node).filter(htmlLibs().domhandler.isTag);
}

function childNodes(node: AnyNode): AnyNode[] {
  return 'children' in node ? (node.children as AnyNode[]) : [];
}

const BLOCKS = new Set(['div', 'p', 'blockquote', 'pre', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'table', 'tr', 'section', 'footer', 'header']);

/**
 * The text a reader sees: `<br>` and block edges are line breaks; other white space in the
 * markup is layout (one space), unless `preserve` (DiscordChatExporter keeps the message's
 * own new lines). A link whose words are not its address keeps the address after them (the
 * packet cannot be clicked; not when `bare`, for names); an emoji drawn as an image is its `alt`. `skip` leaves out
 * sub-trees (a quoted reply, a timestamp).
 */
export function textOf(node: AnyNode | undefined, options: { preserve?: boolean; bare?: boolean; skip?: (el: Element) => boolean } = {}): string {
  if (!node) return '';
  const { isTag, isText } = htmlLibs().domhandler;
  const out: string[] = [];
  const walk = (n: AnyNode, pre: boolean): void => {
    if (isText(n)) {
      out.push(pre ? n.data : n.data.replace(/\s+/g, ' '));
      return;
    }
    if (!isTag(n)) return;
    if (options.skip?.(n) || n.name === 'script' || n.name === 'style') return;
    if (n.name === 'br') {
      out.push('\n');
      return;
    }
    if (n.name === 'img') {
      if (/emoji/.test(n.attribs.class ?? '') && n.attribs.alt) out.push(n.attribs.alt);
      return;
    }
    const block = BLOCKS.has(n.name);
    if (block) out.push('\n');
    const start = out.length;
    for (const child of n.children) walk(child, pre || n.name === 'pre');
    const href = n.name === 'a' ? n.attribs.href : undefined;
    if (href && !options.bare && /^(?:https?|mailto|tel):/i.test(href)) {
      const words = out.slice(start).join('').trim();
      const address = href.replace(/^(?:mailto|tel):/i, '');
      const same = words === href || words === address || [`https://${words}`, `http://${words}`, `https://${words}/`, `http://${words}/`].includes(href);
      if (words && !same) out.push(` (${href})`);
    }
    if (block) out.push('\n');
  };
  walk(node, options.preserve === true);
  return out
    .join('')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, '').replace(/^[ \t]+/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Every element under `root` with one of these tag names, in document order. */
export function findTags(root: AnyNode, ...tags: string[]): Element[] {
  return htmlLibs().domutils.findAll((el) => tags.includes(el.name), childNodes(root));
}
