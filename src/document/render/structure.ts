import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { maskText } from '../../chat/sensitive.js';
import { pdfLib } from '../../io/cjs.js';

/** The roles the packet's content takes in its structure tree (standard structure types, ISO 32000-1, 14.8.4). */
export type ContentRole = 'H1' | 'H2' | 'H3' | 'P' | 'Figure';

interface Element {
  readonly role: ContentRole;
  readonly page: number;
  /** The top of its content on the page: elements are read top down. */
  readonly top: number;
  readonly section: number;
  readonly mcids: number[];
  readonly alt?: string;
}

/**
 * Tagged PDF: each heading, paragraph and exhibit picture is marked content with an id,
 * gathered into a structure tree (Document › one Sect per cover, index, exhibit and
 * appendix › H1/H2/H3, P, Figure with its alternative text), and the running header, footer
 * and rules are artifacts. Screen readers then read the packet in order, and PDF/UA
 * checkers find headings, sections and described figures.
 */
export class StructureBuilder {
  private readonly elements: Element[] = [];
  private readonly sections: { title: string }[] = [];
  private readonly pages: PDFPage[] = [];
  private readonly nextMcid: number[] = [];
  private sectionKey: string | undefined;

  constructor(private readonly doc: PDFDocument) {}

  /** A new page; a new section when `key` (cover, index, an exhibit…) changes. */
  beginPage(page: PDFPage, key: string, title: string): void {
    this.pages.push(page);
    this.nextMcid.push(0);
    if (key !== this.sectionKey) {
      this.sectionKey = key;
      this.sections.push({ title: maskText(title) });
    }
  }

  /**
   * Draws content as an element of `role`. With `join`, it continues the page's last element
   * when that has the same role (the next line of a paragraph).
   */
  mark(role: ContentRole, top: number, draw: () => void, options: { join?: boolean; alt?: string } = {}): void {
    const { PDFName, PDFOperator } = pdfLib();
    const pageIndex = this.pages.length - 1;
    const page = this.pages[pageIndex]!;
    const mcid = this.nextMcid[pageIndex]!++;
    page.pushOperators(PDFOperator.of('BDC' as never, [PDFName.of(role), `<</MCID ${mcid}>>`]));
    draw();
    page.pushOperators(PDFOperator.of('EMC' as never));
    const last = this.elements[this.elements.length - 1];
    const section = this.sections.length - 1;
    if (options.join && last && last.role === role && last.page === pageIndex && last.section === section) last.mcids.push(mcid);
    else this.elements.push({ role, page: pageIndex, top, section, mcids: [mcid], ...(options.alt ? { alt: maskText(options.alt) } : {}) });
  }

  /** Draws what is not content (running header, footer, rules, frames) as an artifact. */
  artifact(draw: () => void, pagination = false): void {
    const { PDFName, PDFOperator } = pdfLib();
    const page = this.pages[this.pages.length - 1]!;
    const properties = pagination ? [PDFName.of('Artifact'), '<</Type /Pagination>>'] : [PDFName.of('Artifact')];
    page.pushOperators(PDFOperator.of((pagination ? 'BDC' : 'BMC') as never, properties));
    draw();
    page.pushOperators(PDFOperator.of('EMC' as never));
  }

  /** Writes the structure tree, its parent tree and the catalog's MarkInfo. */
  finish(): void {
    const { PDFHexString, PDFName } = pdfLib();
    const context = this.doc.context;
    const rootRef = context.nextRef();
    const documentRef = context.nextRef();
    const sectionRefs = this.sections.map(() => context.nextRef());
    const elementRefs = this.elements.map(() => context.nextRef());
    const children = this.sections.map((): PDFRef[] => []);
    // In reading order: page by page, top down (a picture is drawn before its caption, read after it).
    const order = this.elements
      .map((_, i) => i)
      .sort((a, b) => this.elements[a]!.page - this.elements[b]!.page || this.elements[b]!.top - this.elements[a]!.top || a - b);
    for (const i of order) children[this.elements[i]!.section]!.push(elementRefs[i]!);
    this.elements.forEach((element, i) => {
      context.assign(
        elementRefs[i]!,
        context.obj({
          Type: 'StructElem',
          S: element.role,
          P: sectionRefs[element.section]!,
          Pg: this.pages[element.page]!.ref,
          K: element.mcids.length === 1 ? element.mcids[0]! : element.mcids,
          ...(element.alt ? { Alt: PDFHexString.fromText(element.alt) } : {}),
        }),
      );
    });
    this.sections.forEach((section, i) => {
      context.assign(sectionRefs[i]!, context.obj({ Type: 'StructElem', S: 'Sect', P: documentRef, T: PDFHexString.fromText(section.title), K: children[i]! }));
    });
    context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: sectionRefs }));
    // For each page, the element each of its marked-content ids belongs to.
    const byPage = this.pages.map((_, p) => {
      const refs: PDFRef[] = [];
      this.elements.forEach((element, i) => {
        if (element.page === p) for (const mcid of element.mcids) refs[mcid] = elementRefs[i]!;
      });
      return context.register(context.obj(refs));
    });
    const nums = byPage.flatMap((ref, p) => [p, ref]);
    context.assign(
      rootRef,
      context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: context.obj({ Nums: nums }), ParentTreeNextKey: this.pages.length }),
    );
    this.pages.forEach((page, p) => {
      page.node.set(PDFName.of('StructParents'), context.obj(p));
      // Tab order follows the structure.
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    });
    this.doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}
