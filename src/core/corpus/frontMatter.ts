// YAML front matter at the top of a Markdown or text source.
import { parse, YAMLParseError } from 'yaml';
import type { FrontMatter, SourceWarning } from './types';

/** Front matter found at the start of a file. */
export interface FrontMatterBlock {
  /** The recognised fields (unknown fields are dropped). */
  data: FrontMatter;
  /** Offset in the text where the body starts (0 when there is no front matter). */
  bodyStart: number;
  /** Set when a block was found but its YAML could not be read. */
  error?: string;
  /** What was wrong with the block, each on its line of the file (0-based); empty when nothing was. */
  warnings: SourceWarning[];
  /** 0-based line of the `key:` (or `id:`) field, when there is one. */
  keyLine?: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const OPENING = /^---[ \t]*\r?\n/;

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}

/** 0-based line (in the file) of the first field named one of `names` in the block that starts on line 1. */
function fieldLine(block: string, names: string[]): number | undefined {
  const lines = block.split('\n');
  const i = lines.findIndex((l) => names.some((n) => l.startsWith(n) && /^[ \t]*:/.test(l.slice(n.length))));
  return i >= 0 ? i + 1 : undefined;
}

/** Reads the YAML front matter of `text`, if it starts with one. */
export function readFrontMatter(text: string): FrontMatterBlock {
  const m = FENCE.exec(text);
  if (!m) {
    const warnings = OPENING.test(text)
      ? [
          {
            line: 0,
            message: 'front matter opened with --- is never closed (no --- line after it); it is read as text',
          },
        ]
      : [];
    return { data: {}, bodyStart: 0, warnings };
  }
  const bodyStart = m[0].length;
  let raw: unknown;
  try {
    raw = parse(m[1]);
  } catch (e) {
    const first = (e as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const at = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line : 1;
    const error = `front matter is not valid YAML (${first}); its fields are ignored`;
    return { data: {}, bodyStart, error, warnings: [{ line: at, message: error }] };
  }
  if (raw === null || raw === undefined) return { data: {}, bodyStart, warnings: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const message = 'front matter is not a list of `name: value` fields; it is ignored';
    return { data: {}, bodyStart, warnings: [{ line: 1, message }] };
  }
  const o = raw as Record<string, unknown>;
  const authors = Array.isArray(o.authors)
    ? o.authors.map(str).filter((a): a is string => !!a)
    : str(o.authors ?? o.author)
      ? [str(o.authors ?? o.author)!]
      : undefined;
  const keyLine = fieldLine(m[1], o.key !== undefined ? ['key'] : ['id']);
  return {
    data: {
      key: str(o.key ?? o.id),
      title: str(o.title),
      date: str(o.date),
      url: str(o.url),
      outlet: str(o.outlet ?? o.publisher),
      authors,
      ...(str(o.accessed) ? { accessed: str(o.accessed) } : {}),
    },
    bodyStart,
    warnings: [],
    ...(keyLine !== undefined ? { keyLine } : {}),
  };
}
