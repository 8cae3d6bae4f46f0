// What a host gives the citation plugin, and what the plugin keeps per rendered document.
import type { Source } from '../core/corpus';
import type { GroundingDiagnostic } from '../core/grounding';

/** Host-specific parts of the citation plugin: how keys resolve and where sources live. */
export interface CitationPluginOptions {
  /** The source a key names, or undefined for an unknown key. */
  resolve(key: string): Source | undefined;
  /** Where a bibliography entry links to, or undefined for no link (default: the source's URL); only http(s), mailto and relative links are made. */
  href?(source: Source): string | undefined;
  /** The location shown in a bibliography entry (a path relative to the briefing, a URL). */
  location?(source: Source): string | undefined;
  /** Prefix for every generated id and class (default `bd-`), so ids never clash with the document's own. */
  prefix?: string;
  /** Heading of the appended bibliography (default `Sources`). */
  bibliographyTitle?: string;
  /** Checks the briefing (the preview's host); errors and warnings are listed after the bibliography. */
  check?(markdown: string): GroundingDiagnostic[];
}

/** Citation numbering for one render, kept in markdown-it's `env`. */
export interface CitationEnv {
  /** Sources in order of first citation; their number is the index + 1. */
  order: Source[];
  /** Unknown keys met while rendering, in order. */
  unknown: string[];
  /** How many markers were rendered (for unique ids). */
  markers: number;
}

/** The property of markdown-it's `env` that holds the plugin's state. */
export const ENV_KEY = 'briefingDesk';

/** The plugin's state in `env`, created on first use. */
export function citationEnv(env: Record<string, unknown>): CitationEnv {
  let state = env[ENV_KEY] as CitationEnv | undefined;
  if (!state) {
    state = { order: [], unknown: [], markers: 0 };
    env[ENV_KEY] = state;
  }
  return state;
}

/** The number of a source in the bibliography, assigning the next one on first citation. */
export function numberOf(state: CitationEnv, source: Source): number {
  const i = state.order.findIndex((s) => s.key === source.key);
  if (i >= 0) return i + 1;
  state.order.push(source);
  return state.order.length;
}
