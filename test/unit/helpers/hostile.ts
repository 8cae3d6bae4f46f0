// The adversarial corpus: hostile inputs generated on the fly (near-matches of every pattern repeated thousands of
// times, megabyte lines, deep nesting, long words, many citations without a sentence end), and the runs that feed
// them to ingest, the citation parser, grounding, entities and the markdown plugin. Run in a worker by `budget.ts`.
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt = require('markdown-it');
import { parseCitations } from '../../../src/core/citations';
import { Corpus, parseSource } from '../../../src/core/corpus';
import { EntityIndex } from '../../../src/core/entities';
import { checkBriefing, closestPassage } from '../../../src/core/grounding';
import { citationPlugin } from '../../../src/markdown';

/** About a megabyte. */
export const MB = 1 << 20;

/** `unit` repeated to about `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

function seedFiles(): Array<[string, string]> {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'seeds'))) dir = path.dirname(dir);
  const seeds = path.join(dir, 'seeds');
  return fs
    .readdirSync(seeds)
    .sort()
    .map((f) => [`seeds/${f}`, fs.readFileSync(path.join(seeds, f), 'utf8')]);
}

function corpus(extra: Array<[string, string]> = []): Corpus {
  const c = new Corpus();
  c.set([...seedFiles(), ...extra].map(([uri, text]) => parseSource(uri, text)));
  return c;
}

/** A source whose one body line is `line`. */
function sourceWith(line: string): string {
  return `Hostile source\n\nA first paragraph that is ordinary prose.\n\n${line}\n\nA last paragraph.\n`;
}

/** Lines of page chrome and datelines, each nearly matching, for ingest. */
export const SOURCE_LINES: Record<string, (size: number) => string> = {
  'x x x … !': (n) => fill('x ', n) + '!',
  'icon-icon-… !': (n) => fill('icon-', n) + '!',
  'Facebook | Twitter | … !': (n) => fill('Facebook | Twitter ', n) + '!',
  'share share … :!': (n) => fill('share ', n) + ':!',
  'a dateline of capitals': (n) => fill('ISLAMABAD RAWALPINDI ', n) + '(' + fill('x', n),
  'a megabyte word': (n) => fill('a', n),
  'a megabyte of spaces': (n) => 'a' + fill(' \u00a0\t', n) + 'b',
  'one megabyte line of prose': (n) => fill('The minister said the talks would go on. ', n),
  'a megabyte of quotation marks': (n) => fill('"\u201c\u201d\'', n),
  'attack words without a place': (n) => fill('October 7 terror attacks in ', n),
  'months without days': (n) => fill('January February ', n),
  'a line of unique sentences': (n) =>
    Array.from({ length: Math.ceil(n / 60) }, (_, i) => `Report ${i} says the envoy met officials.`).join(' '),
};

/** Briefings that nearly match the citation, quotation and layout patterns many times over. */
export const BRIEFINGS: Record<string, (size: number) => string> = {
  'quote and citation pairs with no full stop': (n) => fill('“the ties” [@india-israel-ink-2025, ¶2] and ', n),
  '](a) repeated': (n) => fill('](a)', n),
  '](( without a close': (n) => fill('](', n),
  'HTML comments in one paragraph': (n) => fill('<!-- c --> x', n),
  'in-text @key repeated': (n) => fill('@key ', n),
  '@{ without a close': (n) => fill('@{k ', n),
  '[ without a close': (n) => fill('[@k ', n),
  'backtick runs of growing length': (n) =>
    Array.from({ length: Math.floor(Math.sqrt(2 * n)) }, (_, i) => '`'.repeat(i + 1)).join(' x '),
  'opening quotation marks without a close': (n) => fill('“a ', n) + fill('"b ', n) + fill('«c ', n) + fill('„d ', n),
  'a quotation of open brackets': (n) => `“x ${fill('[', n)}y” [@india-israel-ink-2025].`,
  'a quotation of commas': (n) => `“x ${fill(',', n)}y” [@india-israel-ink-2025].`,
  'a quotation of spaced dots': (n) => `“x ${fill('. ', n)}y” [@india-israel-ink-2025].`,
  'a megabyte misquote of distinct words': (n) =>
    `“${Array.from({ length: Math.ceil(n / 12) }, (_, i) => `word${i.toString(36)}`).join(' ')}” [@india-israel-ink-2025].`,
  'a megabyte misquote': (n) => `“${fill('the minister of defence said ', n)}” [@india-israel-ink-2025].`,
  'many paragraphs with one bracket at the end': (n) => fill('Para.\n\n', n) + '[@k]',
  'blockquotes nested deeply': (n) => fill('>', Math.min(n, 5000)) + ' deep “quote” [@k]\n\n' + fill('> ', n),
  'list items nested deeply': (n) =>
    Array.from({ length: Math.min(n / 10, 2000) }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'),
  'locators that are not numbers': (n) => fill('[@india-israel-ink-2025, ¶1e5] [@k, para -3] [@k, ¶] ', n),
};

/** What each run returns: a small summary, so that the worker has little to send back. */
export const RUNS: Record<string, (input: string) => unknown> = {
  ingest: (line) => parseSource('hostile.txt', sourceWith(line)).paragraphs.length,
  'ingest as Markdown': (line) => parseSource('hostile.md', sourceWith(line)).paragraphs.length,
  entities: (line) =>
    EntityIndex.build(corpus([['hostile.txt', sourceWith(line)]]).sources.filter((s) => s.uri === 'hostile.txt'))
      .entities.length,
  'a quote against the source': (line) => {
    const c = corpus([['hostile.txt', sourceWith(line)]]);
    const key = c.byUri('hostile.txt')!.key;
    return checkBriefing(`# B\n\nIt said “the talks would go on” [@${key}, ¶2].\n`, c).length;
  },
  'closest passage': (line) =>
    closestPassage('the talks would go on and on', corpus([['hostile.txt', sourceWith(line)]]))?.score ?? 0,
  'a quote at the end of the line': (line) => {
    const c = corpus([['hostile.txt', sourceWith(`${line} The needle phrase is here.`)]]);
    const key = c.byUri('hostile.txt')!.key;
    return checkBriefing(`# B\n\nIt said “the needle phrase is here” [@${key}, ¶2].\n`, c).length;
  },
  'a misquote in a corpus of paragraphs': (line) => {
    const paragraphs = line.split(/(?<=\.) /).join('\n\n');
    const c = corpus([['hostile.txt', `Many reports\n\n${paragraphs}\n`]]);
    const key = c.byUri('hostile.txt')!.key;
    const [d] = checkBriefing(`# B\n\nIt said “report 777 says the envoy saw officials” [@${key}].\n`, c);
    return d?.data?.closest?.paragraph ?? 0;
  },
  citations: (md) => parseCitations(md).length,
  check: (md) => checkBriefing(md, corpus()).length,
  'markdown plugin': (md) => {
    const c = corpus();
    return new MarkdownIt().use(citationPlugin, { resolve: (key: string) => c.get(key) }).render(md).length;
  },
};

/** Runs one case: `run` on the input `kind` makes at `size`. */
export function runCase(run: string, kind: string, size: number): unknown {
  const make = SOURCE_LINES[kind] ?? BRIEFINGS[kind];
  return RUNS[run](make(size));
}
