import { createRequire } from 'node:module';
import type * as DomHandler from 'domhandler';
import type * as DomUtils from 'domutils';
import type * as HtmlParser2 from 'htmlparser2';

/** The HTML parser and its DOM helpers, as the HTML chat readers use them. */
export interface HtmlLibs {
  readonly htmlparser2: typeof HtmlParser2;
  readonly domhandler: typeof DomHandler;
  readonly domutils: typeof DomUtils;
}

const require = createRequire(import.meta.url);
let libs: HtmlLibs | undefined;

/*
 * Required when an HTML file is first read, not imported at the top: loaded at start, they
 * would cost every run of the tool (a `check` of screenshots and PDFs included) for nothing.
 * All three are their CommonJS builds, so the nodes one makes are the
 * classes the others test for.
 */
export function htmlLibs(): HtmlLibs {
  libs ??= { htmlparser2: require('htmlparser2'), domhandler: require('domhandler'), domutils: require('domutils') };
  return libs;
}
