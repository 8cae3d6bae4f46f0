// The citation plugin for markdown-it: numbered markers with tooltips and a bibliography. Serves preview, export and CLI.
import type MarkdownIt = require('markdown-it');
import { bibliographyRule } from './bibliography';
import { citationRule } from './citationRule';
import { groundingRule } from './grounding';
import type { CitationPluginOptions } from './types';

/** A markdown-it instance (the plugin never imports markdown-it itself). */
export type MarkdownItInstance = InstanceType<typeof MarkdownIt>;

/** Adds Briefing Desk citations to a markdown-it instance; host-specific parts come in `options`. */
export function citationPlugin(md: MarkdownItInstance, options: CitationPluginOptions): void {
  md.inline.ruler.before('link', 'briefing_citation', citationRule(options));
  md.core.ruler.push('briefing_bibliography', bibliographyRule(options));
  md.core.ruler.push('briefing_grounding', groundingRule(options));
}
