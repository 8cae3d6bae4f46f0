// YAML front matter at the top of a Markdown or text source.
import { parse } from 'yaml';
import type { FrontMatter } from './types';

/** Front matter found at the start of a file. */
export interface FrontMatterBlock {
  /** The recognised fields (unknown fields are dropped). */
  data: FrontMatter;
  /** Offset in the text where the body starts (0 when there is no front matter). */
  bodyStart: number;
  /** Set when a block was found but its YAML could not be read. */
  error?: string;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}

/** Reads the YAML front matter of `text`, if it starts with one. */
export function readFrontMatter(text: string): FrontMatterBlock {
  const m = FENCE.exec(text);
  if (!m) return { data: {}, bodyStart: 0 };
  let raw: unknown;
  try {
    raw = parse(m[1]);
  } catch (e) {
    return { data: {}, bodyStart: m[0].length, error: `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})` };
  }
  if (!raw || typeof raw !== 'object') return { data: {}, bodyStart: m[0].length };
  const o = raw as Record<string, unknown>;
  const authors = Array.isArray(o.authors) ? o.authors.map(str).filter((a): a is string => !!a)
    : str(o.authors ?? o.author) ? [str(o.authors ?? o.author)!] : undefined;
  return {
    data: { key: str(o.key ?? o.id), title: str(o.title), date: str(o.date), url: str(o.url), outlet: str(o.outlet ?? o.publisher), authors,
      ...(str(o.accessed) ? { accessed: str(o.accessed) } : {}) },
    bodyStart: m[0].length,
  };
}
