// Finds known entity names and aliases in any text (a briefing, or a source for user-added aliases),
// resolving a shared surname by the nearest full name in the same text.
import { keyOf } from './lexicon';
import { tokenize, type Token } from './tokens';
import type { Entity } from './types';

/** A name found in text. */
export interface TextMatch {
  /** Offset of the first character in the text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The entity meant (the first candidate when ambiguous). */
  entity: Entity;
  /** All entities the words could mean, when more than one remains. */
  ambiguous?: Entity[];
}

/** Phrase lookup over entity names and aliases. */
export class NameMatcher {
  #phrases = new Map<string, Entity[]>();
  #maxWords = 1;

  constructor(entities: Entity[]) {
    for (const e of entities) {
      // A surname kept apart because it was ambiguous in the sources is matched through the people it may be.
      if (e.ambiguous?.length && !e.name.includes(' ') && e.type === 'person') continue;
      for (const form of [e.name, ...e.aliases]) this.#add(form, e);
      // A briefing may use a surname the sources never used alone (`Singh` for Rajnath Singh).
      if (e.type === 'person' && e.name.includes(' ')) this.#add(e.name.split(' ').pop()!, e);
    }
  }

  #add(form: string, e: Entity): void {
    const k = keyOf(form);
    if (!k) return;
    const list = this.#phrases.get(k) ?? [];
    if (!list.includes(e)) list.push(e);
    this.#phrases.set(k, list);
    this.#maxWords = Math.max(this.#maxWords, k.split(' ').length);
  }

  /** Matches in `text`; `base` is added to offsets. */
  find(text: string, base = 0): TextMatch[] {
    const tokens = tokenize(text, base);
    const raw: Array<{ start: number; end: number; list: Entity[]; words: number }> = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t.word || !(t.cap || t.acronym)) continue;
      const hit = this.#longest(tokens, i);
      if (hit) {
        raw.push(hit);
        i += hit.words - 1;
        continue;
      }
      // Parts of a compound (`Singh-Baram`).
      const parts = t.text.split(/[-\u2010\u2011\u2013]/);
      let at = t.start;
      for (const p of parts.length > 1 ? parts : []) {
        const list = this.#phrases.get(keyOf(p));
        if (list && /^\p{Lu}/u.test(p)) raw.push({ start: at, end: at + p.length, list, words: 1 });
        at += p.length + 1;
      }
    }
    return raw.map((r) => {
      if (r.list.length === 1) return { start: r.start, end: r.end, entity: r.list[0] };
      // Nearest unambiguous mention in the same text of one of the candidates.
      let best: Entity | undefined;
      let bestD = Infinity;
      let tie = false;
      for (const o of raw) {
        if (o.list.length !== 1 || !r.list.includes(o.list[0])) continue;
        const d = o.end <= r.start ? r.start - o.end : 2 * (o.start - r.end);
        if (d < bestD) [best, bestD, tie] = [o.list[0], d, false];
        else if (d === bestD && o.list[0] !== best) tie = true;
      }
      if (best && !tie) return { start: r.start, end: r.end, entity: best };
      return { start: r.start, end: r.end, entity: r.list[0], ambiguous: r.list };
    });
  }

  #longest(tokens: Token[], i: number): { start: number; end: number; list: Entity[]; words: number } | undefined {
    let phrase = '';
    let found: { start: number; end: number; list: Entity[]; words: number } | undefined;
    for (let n = 0; n < this.#maxWords + 2 && i + n < tokens.length; n++) {
      const t = tokens[i + n];
      if (!t.word || (n > 0 && !t.joined) || (n > 0 && tokens[i + n - 1].possessive)) break;
      phrase += (n ? ' ' : '') + t.text;
      const list = this.#phrases.get(keyOf(phrase));
      if (list && (t.cap || t.acronym)) found = { start: tokens[i].start, end: t.end, list, words: n + 1 };
    }
    return found;
  }
}
