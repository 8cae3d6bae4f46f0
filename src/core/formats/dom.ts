// A DOM without `window` (linkedom), and the paragraph-like blocks of an HTML body; shared by web pages and Word files.
import { parseHTML as linkedomParse } from 'linkedom';
import type { Block } from './types';

/** The little of the DOM used here (the project compiles without the DOM library's types). */
export interface El {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): El[];
  remove(): void;
}
export interface Doc extends El {
  documentElement: El | null;
  body: El;
}
/** Parses HTML into a document; nothing in it runs. */
export const parseHTML = linkedomParse as unknown as (html: string) => { document: Doc };

const BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, pre, dd';
/** Inside an article these are page furniture, not text: captions, asides, share bars, forms, embedded widgets. */
const FURNITURE =
  'figure, figcaption, aside, nav, header, footer, form, button, script, style, noscript, template, ' +
  'iframe, object, embed, svg, canvas, select, textarea, [aria-hidden="true"], [hidden]';

function text(el: El): string {
  return (el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Paragraph-like blocks in document order; a block that holds other blocks (a list item with paragraphs) gives way. */
export function blocksOf(root: El): Block[] {
  for (const f of [...root.querySelectorAll(FURNITURE)]) f.remove();
  const out: Block[] = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue;
    const t = text(el);
    if (!t) continue;
    const heading = /^H[1-6]$/i.test(el.tagName);
    out.push({ kind: heading ? 'heading' : 'paragraph', text: t });
  }
  return out;
}
