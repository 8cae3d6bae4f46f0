// The core rule that writes the "Sources" list: at a `::: {#refs}` block or `## Sources` heading, else at the end.
import type MarkdownIt = require('markdown-it');
import type { Source } from '../core/corpus';
import { citationEnv, type CitationPluginOptions } from './types';

type StateCore = MarkdownIt.StateCore;
type Token = InstanceType<StateCore['Token']>;

const REFS_DIV = /^:::+\s*\{\s*#refs\s*\}\s*(?:\n:::+\s*)?$/;
const DIV_CLOSE = /^:::+$/;

/** `url` when it is safe to link: http(s), mailto or relative; a `javascript:` (or any other scheme) source URL is not. */
function safeHref(url: string | undefined): string | undefined {
  if (!url) return;
  // Browsers ignore tabs, newlines and leading controls in a URL, so `java\tscript:` still names a scheme.
  const bare = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(bare);
  if (scheme && !/^(?:https?|mailto)$/i.test(scheme[1])) return;
  return url.trim();
}

/** The index of a heading whose text is `title` (pandoc users leave `## Sources` empty for the list). */
function headingIndex(tokens: Token[], title: string): number {
  return tokens.findIndex(
    (t, i) => t.type === 'heading_open' && tokens[i + 1]?.content.trim().toLowerCase() === title.toLowerCase(),
  );
}

/** Builds the core rule for `options`. */
export function bibliographyRule(options: CitationPluginOptions): (state: StateCore) => void {
  const p = options.prefix ?? 'bd-';
  const title = options.bibliographyTitle ?? 'Sources';
  return (state: StateCore) => {
    const env = citationEnv(state.env);
    const tokens = state.tokens;
    const mk = (type: string, tag: string, nesting: -1 | 0 | 1, attrs: Record<string, string> = {}) => {
      const t = new state.Token(type, tag, nesting);
      for (const [k, v] of Object.entries(attrs)) t.attrSet(k, v);
      t.block = true;
      return t;
    };
    const inline = (children: Token[]) => {
      const t = new state.Token('inline', '', 0);
      t.children = children;
      t.content = children.map((c) => c.content).join('');
      return t;
    };
    const txt = (content: string) => {
      const t = new state.Token('text', '', 0);
      t.content = content;
      return t;
    };
    /** A tight list's paragraphs render without <p>, as markdown-it does for tight lists. */
    const tight = (t: Token) => {
      t.hidden = true;
      return t;
    };
    const entry = (source: Source, n: number): Token[] => {
      const parts: Token[] = [];
      // These tokens skip markdown-it's link rule and so its validateLink: the scheme check is ours to make.
      const href = safeHref(options.href ? options.href(source) : (source.url ?? undefined));
      if (href && state.md.validateLink(state.md.normalizeLink(href))) {
        const open = new state.Token('link_open', 'a', 1);
        open.attrSet('href', state.md.normalizeLink(href));
        parts.push(open, txt(source.title), new state.Token('link_close', 'a', -1));
      } else {
        const open = new state.Token('strong_open', 'strong', 1);
        parts.push(open, txt(source.title), new state.Token('strong_close', 'strong', -1));
      }
      const authors = source.authors.length ? source.authors.join(', ') : null;
      const accessed = source.accessed ? `accessed ${source.accessed}` : null;
      const details = [authors, source.outlet, source.place, source.date ?? 'undated', accessed]
        .filter(Boolean)
        .join(', ');
      // A title that ends in its own punctuation ("…balance.") takes no second full stop.
      parts.push(txt(`${/[.!?]$/.test(source.title) ? '' : '.'} ${details}. `));
      const key = new state.Token('code_inline', 'code', 0);
      key.content = `@${source.key}`;
      parts.push(key);
      const where = options.location?.(source);
      if (where) parts.push(txt(` · ${where}`));
      return [
        mk('list_item_open', 'li', 1, { id: `${p}ref-${n}`, class: `${p}ref` }),
        tight(mk('paragraph_open', 'p', 1)),
        inline(parts),
        tight(mk('paragraph_close', 'p', -1)),
        mk('list_item_close', 'li', -1),
      ];
    };
    const list = (): Token[] => {
      if (!env.order.length) {
        return [
          mk('paragraph_open', 'p', 1, { class: `${p}bibliography-empty` }),
          inline([txt('No sources cited.')]),
          mk('paragraph_close', 'p', -1),
        ];
      }
      return [
        mk('ordered_list_open', 'ol', 1, { class: `${p}bibliography-list` }),
        ...env.order.flatMap((s, i) => entry(s, i + 1)),
        mk('ordered_list_close', 'ol', -1),
      ];
    };

    const div = tokens.findIndex(
      (t, i) => t.type === 'paragraph_open' && REFS_DIV.test(tokens[i + 1]?.content.trim() ?? ''),
    );
    if (div >= 0) {
      // `::: {#refs}`, a blank line, then `:::` parse as two paragraphs; the closing one goes too.
      const closedApart =
        !tokens[div + 1].content.includes('\n') &&
        tokens[div + 3]?.type === 'paragraph_open' &&
        DIV_CLOSE.test(tokens[div + 4]?.content.trim() ?? '');
      tokens.splice(
        div,
        closedApart ? 6 : 3,
        mk('section_open', 'section', 1, { id: `${p}refs`, class: `${p}bibliography` }),
        ...list(),
        mk('section_close', 'section', -1),
      );
      return;
    }
    const h = headingIndex(tokens, title);
    if (h >= 0) {
      tokens[h].attrSet('id', `${p}refs`);
      tokens.splice(h + 3, 0, ...list());
      return;
    }
    if (!env.order.length && !env.unknown.length) return;
    tokens.push(
      mk('section_open', 'section', 1, { id: `${p}refs`, class: `${p}bibliography` }),
      mk('heading_open', 'h2', 1),
      inline([txt(title)]),
      mk('heading_close', 'h2', -1),
      ...list(),
      mk('section_close', 'section', -1),
    );
  };
}
