// The core rule that ends a rendered briefing with what the checks found (errors and warnings), for hosts that pass a
// `check` (VS Code's preview); the standalone export writes its own fuller summary.
import type MarkdownIt = require('markdown-it');
import type { CitationPluginOptions } from './types';

type StateCore = MarkdownIt.StateCore;

/** Builds the core rule for `options`; it does nothing without `options.check`. */
export function groundingRule(options: CitationPluginOptions): (state: StateCore) => void {
  const p = options.prefix ?? 'bd-';
  return (state: StateCore) => {
    const found = options.check?.(state.src).filter((d) => d.severity !== 'information') ?? [];
    if (!found.length) return;
    const mk = (type: string, tag: string, nesting: -1 | 0 | 1, attrs: Record<string, string> = {}) => {
      const t = new state.Token(type, tag, nesting);
      for (const [k, v] of Object.entries(attrs)) t.attrSet(k, v);
      t.block = true;
      return t;
    };
    const inline = (...parts: Array<[string, string]>) => {
      const t = new state.Token('inline', '', 0);
      t.children = parts.map(([type, content]) => {
        const c = new state.Token(type, type === 'code_inline' ? 'code' : '', 0);
        c.content = content;
        return c;
      });
      t.content = parts.map(([, c]) => c).join('');
      return t;
    };
    const items = found.flatMap((d) => {
      const open = mk('paragraph_open', 'p', 1);
      const close = mk('paragraph_close', 'p', -1);
      open.hidden = close.hidden = true;
      return [
        mk('list_item_open', 'li', 1, { class: `${p}summary-${d.severity}` }),
        open,
        inline(['text', `Line ${d.line + 1}: ${d.message} `], ['code_inline', d.code]),
        close,
        mk('list_item_close', 'li', -1),
      ];
    });
    state.tokens.push(
      mk('section_open', 'section', 1, { id: `${p}grounding`, class: `${p}summary` }),
      mk('heading_open', 'h2', 1),
      inline(['text', 'Grounding']),
      mk('heading_close', 'h2', -1),
      mk('bullet_list_open', 'ul', 1, { class: `${p}summary-problems` }),
      ...items,
      mk('bullet_list_close', 'ul', -1),
      mk('section_close', 'section', -1),
    );
  };
}
