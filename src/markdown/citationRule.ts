// The inline rule: pandoc citations become numbered marker tokens (the parsing is core/citations').
import type MarkdownIt = require('markdown-it');
import { parseCitations, type Citation, type CiteItem } from '../core/citations';
import { citationEnv, numberOf, type CitationPluginOptions } from './types';
import { plainTitle, tooltipFor } from './tooltip';

type StateInline = MarkdownIt.StateInline;

/** Citations of one inline block, by start offset; parsed once per block. */
const parsed = new WeakMap<StateInline, Map<number, Citation>>();

function citationsOf(state: StateInline): Map<number, Citation> {
  let found = parsed.get(state);
  if (!found) {
    found = new Map(parseCitations(state.src).map((c) => [c.start, c]));
    parsed.set(state, found);
  }
  return found;
}

function locatorLabel(item: CiteItem): string {
  if (item.locator) {
    return item.locator.ranges.map(([a, b]) => (a === b ? `¶${a}` : `¶¶${a}–${b}`)).join(', ');
  }
  return item.otherLocator?.raw ?? '';
}

/** An item as written, from its `@` (or `-@`) through its locator: `@{Doe 2020}, p. 3`. */
function rawItem(src: string, item: CiteItem): string {
  const braced = src[item.keyStart - 1] === '{';
  const at = item.keyStart - (braced ? 2 : 1);
  const end = item.locator?.end ?? item.otherLocator?.end ?? item.invalidLocator?.end ?? item.keyEnd + (braced ? 1 : 0);
  return src.slice(item.suppressAuthor ? at - 1 : at, end);
}

/** Builds the inline rule for `options`. */
export function citationRule(options: CitationPluginOptions): (state: StateInline, silent: boolean) => boolean {
  const p = options.prefix ?? 'bd-';
  return (state, silent) => {
    const ch = state.src.charCodeAt(state.pos);
    if (ch !== 0x5b /* [ */ && ch !== 0x40 /* @ */ && ch !== 0x2d /* - */) return false;
    const citation = citationsOf(state).get(state.pos);
    if (!citation || citation.end > state.posMax) return false;
    if (silent) {
      // Silent mode is markdown-it scanning a link label: a bracketed citation must read as plain brackets there, or
      // `[text [@key]](url)` stops being a link (links may not nest). An in-text citation may be skipped whole.
      if (!citation.inText) return false;
      state.pos = citation.end;
      return true;
    }

    const env = citationEnv(state.env);
    const outer = state.push('briefing_cite_open', 'span', 1);
    outer.attrSet('class', `${p}cite${citation.inText ? ` ${p}cite-intext` : ''}`);
    const text = (content: string) => {
      if (content) state.push('text', '', 0).content = content;
    };
    const unknown = (item: CiteItem, raw: string) => {
      if (!env.unknown.includes(item.key)) env.unknown.push(item.key);
      const bad = state.push('briefing_cite_unknown_open', 'span', 1);
      bad.attrSet('class', `${p}cite-unknown`);
      bad.attrSet('title', `Unknown source key @${item.key}`);
      text(raw);
      state.push('briefing_cite_unknown_close', 'span', -1);
    };
    const sources = citation.items.map((item) => options.resolve(item.key));
    if (citation.inText && citation.items.length === 1 && !sources[0]) {
      // The raw `@key [¶3]`, without the brackets of a marker it did not become.
      unknown(citation.items[0], state.src.slice(citation.start, citation.end));
      state.push('briefing_cite_close', 'span', -1);
      state.pos = citation.end;
      return true;
    }
    // `[1, 2]` reads as a list of sources; once locators or words join in, `;` keeps the items apart as pandoc's do.
    const plain = citation.items.every((item, i) => !item.prefix && !item.suffix && !locatorLabel(item) && sources[i]);
    text('[');
    citation.items.forEach((item, i) => {
      if (i > 0) text(plain ? ', ' : '; ');
      if (item.prefix) text(`${item.prefix} `);
      const source = sources[i];
      const label = locatorLabel(item);
      if (source) {
        const n = numberOf(env, source);
        const tip = tooltipFor(source, item);
        // Inside a link's text another <a> would nest; the marker keeps its tooltip data on a <span>.
        const inLink = state.linkLevel > 0;
        const a = state.push('briefing_cite_ref_open', inLink ? 'span' : 'a', 1);
        if (!inLink) a.attrSet('href', `#${p}ref-${n}`);
        a.attrSet('id', `${p}cite-${++env.markers}`);
        a.attrSet('class', `${p}cite-ref`);
        a.attrSet('data-bd-key', source.key);
        a.attrSet('data-bd-title', tip.title);
        a.attrSet('data-bd-meta', tip.meta);
        a.attrSet('data-bd-locator', tip.locator);
        a.attrSet('data-bd-passage', tip.passage);
        a.attrSet('title', plainTitle(tip));
        text(label ? `${n}, ${label}` : String(n));
        state.push('briefing_cite_ref_close', inLink ? 'span' : 'a', -1);
      } else {
        unknown(item, rawItem(state.src, item));
      }
      if (item.suffix) text(/^[,.;:]/.test(item.suffix) ? item.suffix : ` ${item.suffix}`);
    });
    text(']');
    state.push('briefing_cite_close', 'span', -1);
    state.pos = citation.end;
    return true;
  };
}
