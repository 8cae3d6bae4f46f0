// Query words -> the index words they stand for (exact, plural, completion, typo), each with a match quality.
import { isStopWord } from './stopWords';
import type { WordIndex } from './wordIndex';

/** How a query word was matched to an index word. */
export type ExpansionKind = 'exact' | 'variant' | 'prefix' | 'typo' | 'alias';

/** One index word a query word stands for. */
export interface Expansion {
  /** Word id in the word index. */
  id: number;
  /** How good the match is: 1 for the word itself, less for completions and typos. */
  quality: number;
  /** How it matched. */
  kind: ExpansionKind;
}

/** A query word and the index words it stands for. */
export interface Term {
  /** The query word, folded. */
  word: string;
  /** Index words it stands for, best first. */
  expansions: Expansion[];
  /** The index word taken as the user's intent (its typo correction), or the word itself. */
  corrected: string;
}

/** Limits on how far one query word may fan out. */
export interface ExpandLimits {
  /** Most completions kept for a prefix. */
  maxCompletions: number;
  /** Stop adding completions once their passages add up to this many. */
  postingBudget: number;
}

/** Fan-out for a word being typed. */
export const DEFAULT_LIMITS: ExpandLimits = { maxCompletions: 64, postingBudget: Infinity };
/** Fan-out for a one- or two-letter keystroke, answered from the word index alone. */
export const KEYSTROKE_LIMITS: ExpandLimits = { maxCompletions: 16, postingBudget: 20_000 };

/** A word in the corpus is taken as meant; only when it is this rare may its far more common neighbours be a typo. */
const RARE_USES = 2;
/** ...and only neighbours used this many times more often than it. */
const TYPO_DOMINANCE = 10;

/** Match quality by kind: every exact match outranks every typo neighbour of the same word. */
export const QUALITY = { exact: 1, variant: 0.9, alias: 0.85, typo1: 0.5, typo2: 0.35, fuzzyPrefix: 0.45 };

/** Edits tolerated in a query word: none below 4 letters or with digits (2025 is not a typo of 2024), 1 up to 7, then 2. */
export function maxEdits(word: string): number {
  if (/\d/.test(word)) return 0;
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

/** Passages plus titles that use word `id`. */
export function uses(index: WordIndex, id: number): number {
  return index.passages(id).length + index.sources(id).length;
}

function completions(index: WordIndex, prefix: string, limits: ExpandLimits, skip: Set<number>): Expansion[] {
  // A word being typed is on its way to a word that matters: `n` completes to nuclear, not to `not` (stop words are
  // neither required nor highlighted, and the commonest of them would cost a whole posting scan per keystroke).
  const ids = index.withPrefix(prefix).filter((id) => !skip.has(id) && !isStopWord(index.word(id)));
  ids.sort((a, b) => uses(index, b) - uses(index, a));
  const out: Expansion[] = [];
  let postings = 0;
  for (const id of ids) {
    if (out.length >= limits.maxCompletions || postings >= limits.postingBudget) break;
    postings += uses(index, id);
    out.push({ id, quality: 0.7 + (0.2 * prefix.length) / index.word(id).length, kind: 'prefix' });
  }
  return out;
}

/**
 * Expands one query word; `prefix` when it may be unfinished (the last word being typed). A word the corpus
 * uses matches itself, its inflections and (while typed) its completions; typo neighbours come in only when
 * the word is absent, or so rare that a far more common neighbour is likelier meant, and always with a lower
 * quality than any exact match.
 */
export function expandWord(
  index: WordIndex,
  word: string,
  prefix: boolean,
  limits: ExpandLimits = DEFAULT_LIMITS,
): Term {
  const out: Expansion[] = [];
  const seen = new Set<number>();
  const push = (e: Expansion) => {
    if (seen.has(e.id) || !index.live(e.id)) return;
    seen.add(e.id);
    out.push(e);
  };
  const exact = index.id(word);
  const exactUses = exact !== undefined && index.live(exact) ? uses(index, exact) : 0;
  if (exact !== undefined) push({ id: exact, quality: QUALITY.exact, kind: 'exact' });
  for (const id of index.sameStem(word)) push({ id, quality: QUALITY.variant, kind: 'variant' });
  if (exactUses <= RARE_USES) {
    for (const n of index.near(word, maxEdits(word))) {
      if (exactUses && uses(index, n.id) < TYPO_DOMINANCE * exactUses) continue;
      push({ id: n.id, quality: n.edits === 1 ? QUALITY.typo1 : QUALITY.typo2, kind: 'typo' });
    }
  }
  if (prefix || out.length === 0) {
    const done = out.length;
    for (const c of completions(index, word, limits, seen)) push(c);
    // A half-typed word with a typo in it: words starting with something close to it.
    if (prefix && !exactUses && out.length === done) {
      for (const n of index.nearPrefix(word, maxEdits(word)).slice(0, limits.maxCompletions)) {
        push({ id: n.id, quality: QUALITY.fuzzyPrefix - 0.1 * (n.edits - 1), kind: 'typo' });
      }
    }
  }
  out.sort((a, b) => b.quality - a.quality || uses(index, b.id) - uses(index, a.id));
  const typedIsWord = out.length > 0 && (out[0].kind === 'exact' || out[0].kind === 'prefix');
  const corrected = out.length === 0 || typedIsWord || out[0].kind === 'variant' ? word : index.word(out[0].id);
  return { word, expansions: out, corrected };
}
