// A seeded generator of citation-like Markdown for the differential test against pandoc: the same seed gives the
// same paragraphs. It mixes well-formed citations with the forms where readers tend to differ.

/** Mulberry32: a small deterministic generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number): boolean => r() < p;
const times = <T>(r: Rand, lo: number, hi: number, f: () => T): T[] =>
  Array.from({ length: lo + Math.floor(r() * (hi - lo + 1)) }, f);

// Keys with the punctuation pandoc allows inside (`:./#$%&-+?<>~`), digits, underscores and a letter beyond ASCII.
const KEYS = [
  'doe2020',
  'smith-j',
  'doe:2020',
  'khan.2025',
  'a.b.c',
  'ref#3',
  'cost$5',
  'p%q',
  'r&d',
  'a+b',
  'what?now',
  'a<b>c',
  'x~y',
  'un/dp',
  'under_score',
  '_lead',
  'israel-calls-india',
  'k9',
  'café-2024',
  'x-1-2',
];
// Braced keys: punctuation pandoc would otherwise end the key at, balanced braces, and one with a space (not a key).
const BRACED = ['{doe:2020.}', '{https://x.invalid/a?b=c&d}', '{a{b}c}', '{end.}', '{Doe 2020}', '{k;1}'];
const WORDS = [
  'the',
  'report',
  'minister',
  'said',
  'talks',
  'stalled',
  'on',
  'Monday',
  'and',
  'officials',
  'in',
  'Delhi',
  'confirmed',
  'it',
  'later',
  'a',
  'deal',
  'was',
  'near',
  'according',
  'to',
  'sources',
  'though',
  'few',
  'agreed',
];
const PREFIXES = ['see', 'cf.', 'see also', 'as in', '*see*', 'e.g.', 'compare', 'quoted in', 'see [the annex]'];
const LOCATORS = [
  '¶3',
  '¶ 4',
  '¶¶3-4',
  '¶¶ 12–14',
  'para. 3',
  'para 7',
  'paras. 3-4',
  'paragraph 2',
  'paras 5–6',
  '¶3, 5-6',
  'p. 33',
  'pp. 3-4',
  'pp. 33–35',
  'chap. 2',
  'chaps. 2-3',
  'sec. 4',
  '§ 7',
  'vol. 2',
  'fig. 3',
  'n. 12',
  '33',
  '3-4',
];
const SUFFIXES = [
  'emphasis added',
  '*emphasis added*',
  'and passim',
  'quoting the envoy',
  'n. 2',
  'trans. mine',
  '`code`',
  'among others',
  '[annotated]',
  'see the table',
];
const TRAIL = ['.', ',', ';', ':', '?', '!', ')', '', '', '', "'s", '—'];

function words(r: Rand, lo = 1, hi = 5): string {
  return times(r, lo, hi, () => pick(r, WORDS)).join(' ');
}

function key(r: Rand): string {
  return chance(r, 0.12) ? pick(r, BRACED) : pick(r, KEYS);
}

/** One item of a bracketed citation: `see -@key, ¶3, emphasis added`. */
function item(r: Rand): string {
  let s = '';
  if (chance(r, 0.3)) s += pick(r, PREFIXES) + ' ';
  if (chance(r, 0.2)) s += '-';
  s += '@' + key(r);
  if (chance(r, 0.5)) s += (chance(r, 0.75) ? ', ' : ' ') + pick(r, LOCATORS);
  if (chance(r, 0.25)) s += (chance(r, 0.7) ? ', ' : ' ') + pick(r, SUFFIXES);
  return s;
}

/** A bracketed citation, sometimes with the odd punctuation after a suppressed author pandoc reads differently. */
function bracketed(r: Rand): string {
  const items = times(r, 1, 3, () => item(r));
  const roll = r();
  if (roll < 0.06) {
    // A part with no key after a suppressed author: `[@a; -@b;, 33; @c]`, `[-@a; see @b;, ¶3]`.
    const at = Math.floor(r() * (items.length + 1));
    items.splice(at, 0, pick(r, ['', ', 33', ', ¶3', ' ']));
    if (chance(r, 0.7)) items[0] = '-' + items[0].replace(/^-/, '');
  } else if (roll < 0.1) {
    return '[' + items.join(pick(r, [';', ' ;', ';  '])) + pick(r, [';', '; ', ';, 3']) + ']';
  }
  const sep = pick(r, ['; ', '; ', ';', ' ; ', ';\n']);
  return '[' + (chance(r, 0.1) ? ' ' : '') + items.join(sep) + ']';
}

/** An in-text citation: `@key`, `@key [¶3]`, `-@key`, `@key's`. */
function inText(r: Rand): string {
  let s = (chance(r, 0.15) ? '-' : '') + '@' + key(r);
  const roll = r();
  if (roll < 0.3) s += pick(r, [' ', '', '  ', '\n']) + '[' + pick(r, LOCATORS) + ']';
  else if (roll < 0.4) s += ' [' + pick(r, LOCATORS) + ', ' + pick(r, SUFFIXES) + ']';
  else if (roll < 0.45) s += ' [see @' + pick(r, KEYS) + ']';
  else if (roll < 0.5) s += ' [' + pick(r, LOCATORS) + '; ' + item(r) + ']';
  else if (roll < 0.53) s += ' [' + pick(r, ['x; y', 'desk@newsroom.invalid', '@{Doe 2020}, p. 3', '; @k9']) + ']';
  return s;
}

/** Things that look like citations and are not (or are, in pandoc's eyes, in surprising places). */
function lookalike(r: Rand): string {
  const k = pick(r, KEYS);
  return pick(r, [
    () => `\`[@${k}]\``,
    () => `\`\`@${k} \`tick\` \`\``,
    () => `\\[@${k}]`,
    () => `\\@${k}`,
    () => `[@${k}\\]`,
    () => `desk@newsroom.invalid`,
    () => `first.last@${k.replace(/[^a-z]/g, '')}.invalid`,
    () => `<desk@newsroom.invalid>`,
    () => `[the report by @${k}](https://news.invalid/report)`,
    () => `[@${k}](https://news.invalid/@${k})`,
    () => `![chart by @${k}](chart.png)`,
    () => `[text with [@${k}]](https://news.invalid/a)`,
    () => `[a link](https://news.invalid/@${k})`,
    () => `https://news.invalid/@${k}`,
    () => `<https://news.invalid/@${k}>`,
    () => `[@a; -@${k};, 33; @c]`,
    () => `[-@${k}; see @b;, ¶3]`,
    () => `*see @${k}* and **[@${k}, *p. 3*]**`,
    () => `[see @${k}][ref]`,
    () => `[@${k}]{.note}`,
    () => `^[see @${k}]`,
    () => `^[a note [@${k}, ¶2]]`,
    () => `[@${k}, [x; y]]`,
    () => `[see @${k} [p. 3] more]`,
    () => `[@${k} [¶3]; @${pick(r, KEYS)}]`,
    () => `[${words(r, 1, 3)}]`,
    () => `[@${k}, \`;]\` ok]`,
    () => `[@${k}, <b>x</b>]`,
    () => `[@${k}, see @${pick(r, KEYS)}]`,
    () => `<!-- [@${k}] -->`,
    () => `[@${k}; and elsewhere]`,
    () => `a${pick(r, ['', '.', '1', 'é'])}@${k}`,
    // Never at the start of a line: `(@label)` there opens one of pandoc's example lists.
    () => `${pick(r, WORDS)} (${pick(r, ['', '-'])}@${k})`,
    () => `"@${k}"`,
  ])();
}

/** Emphasis around a citation; `_` only around brackets, since `_` is a key character (`_@k_` cites `k_`). */
function emphasised(r: Rand, s: string): string {
  const marks = s.startsWith('[') ? ['*', '**', '_'] : ['*', '**'];
  return chance(r, 0.1) ? pick(r, marks).replace(/.+/, (m) => m + s + m) : s;
}

/** A run of prose with citations, the body of a paragraph, list item, heading or table cell. */
function inline(r: Rand, lo: number, hi: number): string {
  const parts = times(r, lo, hi, () => {
    const roll = r();
    if (roll < 0.35) return words(r);
    if (roll < 0.6) return emphasised(r, bracketed(r)) + pick(r, TRAIL);
    if (roll < 0.8) return emphasised(r, inText(r)) + pick(r, TRAIL);
    return lookalike(r);
  });
  return parts.join(pick(r, [' ', ' ', ' ', '\n']));
}

const oneLine = (s: string): string => s.replace(/\n/g, ' ');

/**
 * A block opening with `@key)`, `@key.` or `(@key)` is an item of pandoc's example lists, and `@key` then refers to
 * it in every other snippet of the joined document; a word in front keeps each snippet standing alone.
 */
const lead = (r: Rand, s: string): string => (/^\(?@/.test(s) ? `${pick(r, WORDS)} ${s}` : s);

/** One generated block: a paragraph, heading, list, table, or paragraph with a footnote. */
function block(r: Rand, n: number): string {
  const roll = r();
  if (roll < 0.55) return lead(r, inline(r, 2, 7));
  if (roll < 0.65) return `${'#'.repeat(1 + Math.floor(r() * 3))} ${oneLine(inline(r, 1, 3))}`;
  if (roll < 0.77) {
    const bullet = pick(r, ['-', '*', '1.']);
    return times(r, 2, 4, () => `${bullet} ${lead(r, oneLine(inline(r, 1, 3)))}`).join('\n');
  }
  if (roll < 0.87) {
    const cell = () => oneLine(inline(r, 1, 2)).replace(/\|/g, '/');
    const rows = times(r, 1, 3, () => `| ${cell()} | ${cell()} |`);
    return ['| Claim | Source |', '|---|---|', ...rows].join('\n');
  }
  // The note mark follows a word: after `]` it would read as a reference link `[text][^n]` in pandoc.
  return `${lead(r, inline(r, 1, 4))} ${pick(r, WORDS)}[^n${n}]\n\n[^n${n}]: ${lead(r, oneLine(inline(r, 1, 3)))}`;
}

/** `count` generated Markdown snippets for `seed`, each standing alone. */
export function citationParagraphs(seed: number, count: number): string[] {
  const r = seeded(seed);
  return Array.from({ length: count }, (_, n) => block(r, n));
}
