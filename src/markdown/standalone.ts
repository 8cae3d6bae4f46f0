// A briefing as one self-contained HTML file: rendered body, inline CSS and JS, and a grounding summary.
import MarkdownIt from 'markdown-it';
import type { Corpus, CorpusView, Source } from '../core/corpus';
import type { EntityIndex } from '../core/entities';
import { checkBriefing, type GroundingDiagnostic } from '../core/grounding';
import { droppedNestingProblems, recordDroppedNesting } from './nesting';
import { citationPlugin } from './plugin';
import { citationEnv } from './types';

/** What the export needs besides the briefing. */
interface PageOptions {
  /** The CSS inlined into the page (media/preview.css). */
  css: string;
  /** The script inlined into the page (media/preview.js). */
  js: string;
  /** Shown for a source in the bibliography (a path relative to the briefing, a URL). */
  location?(source: Source): string | undefined;
  /** Page title when the briefing has no `#` heading. */
  fallbackTitle?: string;
  /** The entity index, for names in claims (aliases); without it the claim check matches names as words. */
  entities?: EntityIndex;
  /** Check claims (`claim-not-in-source`) too; default true. */
  claims?: boolean;
  /** Base64 SHA-256 of a string; when given, the page's CSP allows exactly the inlined script and style. */
  sha256?(text: string): string;
}

/**
 * What the export needs besides the briefing: the sources citations resolve against, and either the grounding problems
 * already found (a host whose checks run in a worker) or a whole corpus to check against here.
 */
export type StandaloneOptions = PageOptions &
  ({ corpus: Corpus; diagnostics?: undefined } | { corpus: CorpusView; diagnostics: GroundingDiagnostic[] });

/** The page and what went into it. */
export interface StandaloneResult {
  /** The complete HTML document. */
  html: string;
  /** Grounding problems found in the briefing. */
  diagnostics: GroundingDiagnostic[];
  /** Keys of the sources cited, in bibliography order. */
  cited: string[];
}

const md0 = new MarkdownIt();
const escape = (s: string) => md0.utils.escapeHtml(s);

function summary(diagnostics: GroundingDiagnostic[], citations: number, sources: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const claims = diagnostics.filter((d) => d.code === 'claim-not-in-source').length;
  const found = [
    errors.length ? `${errors.length} problem${errors.length === 1 ? '' : 's'} found` : '',
    claims ? `${claims} fact${claims === 1 ? '' : 's'} not in the cited passage${claims === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const items = diagnostics
    .filter((d) => d.severity !== 'information')
    .map((d) => `<li>Line ${d.line + 1}: ${escape(d.message)} <code>${escape(d.code)}</code></li>`)
    .join('\n');
  return `<section class="bd-summary" id="bd-grounding">
<h2>Grounding summary</h2>
<p>${citations} citation${citations === 1 ? '' : 's'} of ${sources} source${sources === 1 ? '' : 's'}; ${
    found || 'every citation, quotation and claim checks out'
  }.</p>
${items ? `<ul class="bd-summary-problems">\n${items}\n</ul>` : ''}
</section>`;
}

/** Renders `markdown` into a standalone HTML page with working tooltips and no network requests. */
export function renderStandalone(markdown: string, options: StandaloneOptions): StandaloneResult {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.use(citationPlugin, { resolve: (key: string) => options.corpus.get(key), location: options.location });
  recordDroppedNesting(md);
  const env: Record<string, unknown> = {};
  const tokens = md.parse(markdown, env);
  const body = md.renderer.render(tokens, md.options, env);
  const state = citationEnv(env);
  const citations = tokens
    .flatMap((t) => t.children ?? [])
    .filter((t) => t.type === 'briefing_cite_ref_open' || t.type === 'briefing_cite_unknown_open').length;
  const diagnostics = [
    ...droppedNestingProblems(markdown, env, md.options.maxNesting ?? 100),
    ...(options.diagnostics ??
      checkBriefing(markdown, options.corpus, { entities: options.entities, claims: options.claims })),
  ].sort((a, b) => a.start - b.start);
  const script = options.js.replace(/<\/script/gi, '<\\/script');
  const style = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.55; color: #1f2328; }
h1, h2, h3 { line-height: 1.25; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #d0d7de; color: #57606a; }
${options.css}
`;
  const allow = (text: string) => (options.sha256 ? `'sha256-${options.sha256(text)}'` : "'unsafe-inline'");
  const csp = `default-src 'none'; style-src ${allow(style)}; script-src ${allow(script)}; img-src data:`;
  const heading = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  const title = heading >= 0 ? tokens[heading + 1].content : (options.fallbackTitle ?? 'Briefing');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="Briefing Desk">
<title>${escape(title)}</title>
<style>${style}</style>
</head>
<body>
<main class="bd-briefing">
${body}${summary(diagnostics, citations, state.order.length)}
</main>
<script>${script}</script>
</body>
</html>
`;
  return { html, diagnostics, cited: state.order.map((s) => s.key) };
}
