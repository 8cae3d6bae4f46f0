// Paragraph texts on the host, asked of the worker. The host's copy of the sources (mirror.ts) holds where each
// paragraph is but not its text, so what shows a passage (a citation hover, a completion's documentation, the
// preview's tooltips, an inserted quote) fetches the texts of the few sources it shows. The texts of the sources used
// last are kept, up to a bound, for as long as the copy holds the same version of the source.
import type { CorpusView } from '../corpus/view';
import type { Source } from '../corpus/types';
import type { ParagraphTexts } from '../../protocol/worker';
import type { SourceMirror } from './mirror';

/** Sources whose paragraph texts are kept (the ones used last). */
export const HELD_SOURCES = 400;
/** Characters of paragraph text kept at most (UTF-16 code units; about twice as many bytes). */
export const HELD_CHARS = 4_000_000;

/** Asks the worker for the paragraph texts of these sources. */
export type FetchTexts = (uris: string[]) => Promise<ParagraphTexts>;

interface Held {
  /** The copy's source the texts belong to (a newer version of the file is another object). */
  base: Source;
  /** The same source with its paragraphs' texts. */
  filled: Source;
  chars: number;
}

/** `base` with the texts of its paragraphs, in order (a new object; the copy's own stays without texts). */
export function withParagraphTexts(base: Source, texts: readonly string[]): Source {
  return { ...base, paragraphs: base.paragraphs.map((p, i) => ({ ...p, text: texts[i] ?? '' })) };
}

/** The paragraph texts of the sources the host shows, fetched from the worker and kept for the ones used last. */
export class PassageTexts {
  readonly #mirror: SourceMirror;
  readonly #fetch: FetchTexts;
  readonly #limits: { sources: number; chars: number };
  /** By URI, least recently used first. */
  #held = new Map<string, Held>();
  #chars = 0;
  /** Fetches on their way, by URI (callers asking for the same source share one). */
  #asking = new Map<string, Promise<void>>();

  constructor(
    mirror: SourceMirror,
    fetch: FetchTexts,
    limits: { sources: number; chars: number } = { sources: HELD_SOURCES, chars: HELD_CHARS },
  ) {
    this.#mirror = mirror;
    this.#fetch = fetch;
    this.#limits = limits;
  }

  /** `source` (as the copy holds it) with its paragraph texts, when they are kept; else undefined. */
  filled(source: Source): Source | undefined {
    const held = this.#held.get(source.uri);
    if (!held || held.base !== source) return undefined;
    this.#held.delete(source.uri);
    this.#held.set(source.uri, held);
    return held.filled;
  }

  /** Fetches the texts of the sources (as the copy holds them) that are not kept; resolves once they are. */
  async fetch(sources: readonly Source[]): Promise<void> {
    // Twice at most: a source that changed while its texts were on their way is asked again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const missing = sources.filter((s) => this.#mirror.byUri(s.uri) === s && !this.filled(s));
      if (!missing.length) return;
      const uris = [...new Set(missing.map((s) => s.uri))];
      const fresh = uris.filter((u) => !this.#asking.has(u));
      if (fresh.length) {
        const asked = this.#ask(fresh);
        for (const u of fresh) this.#asking.set(u, asked);
      }
      await Promise.all(uris.map((u) => this.#asking.get(u)));
      // What changed since is the copy's newer object: `missing` is checked again from the copy.
      sources = sources.map((s) => this.#mirror.byUri(s.uri) ?? s);
    }
  }

  async #ask(uris: string[]): Promise<void> {
    try {
      const answer = await this.#fetch(uris);
      // Kept only when the copy is at the version the texts were read at: a change on the way makes them stale.
      if (this.#mirror.versionOf(answer.version) !== this.#mirror.version) return;
      uris.forEach((uri, i) => {
        const texts = answer.texts[i];
        const base = this.#mirror.byUri(uri);
        if (texts && base && texts.length === base.paragraphs.length) this.#keep(base, texts);
      });
    } catch {
      // A stopped worker, a failed request: nothing kept; what asked shows the source without its texts.
    } finally {
      for (const u of uris) this.#asking.delete(u);
    }
  }

  #keep(base: Source, texts: string[]): void {
    this.#forget(base.uri);
    let chars = 0;
    for (const t of texts) chars += t.length;
    this.#held.set(base.uri, { base, filled: withParagraphTexts(base, texts), chars });
    this.#chars += chars;
    for (const [uri] of this.#held) {
      if (this.#held.size <= this.#limits.sources && this.#chars <= this.#limits.chars) break;
      if (uri !== base.uri) this.#forget(uri);
    }
  }

  #forget(uri: string): void {
    const held = this.#held.get(uri);
    if (!held) return;
    this.#held.delete(uri);
    this.#chars -= held.chars;
  }

  /** Sources whose texts are kept now, and their characters (for tests and measurements). */
  get kept(): { sources: number; chars: number } {
    return { sources: this.#held.size, chars: this.#chars };
  }

  /** Forgets every text kept (the worker was replaced by one that loaded other files). */
  clear(): void {
    this.#held.clear();
    this.#chars = 0;
  }

  /**
   * The copy's sources as a CorpusView in which sources whose texts are kept carry them. A source looked up whose
   * texts are not kept is passed to `missing` (if given) and comes with every paragraph's text set to `placeholder`.
   */
  view(missing?: (source: Source) => void, placeholder = ''): CorpusView {
    return this.#view((s) => {
      const filled = this.filled(s);
      if (filled) return filled;
      missing?.(s);
      return placeholder
        ? withParagraphTexts(
            s,
            s.paragraphs.map(() => placeholder),
          )
        : s;
    });
  }

  /**
   * A view in which the sources with these keys carry their texts (fetched unless kept, and kept in this view even
   * when later fetches push them out); other sources as `view(missing)` gives them.
   */
  async viewWith(keys: Iterable<string>, missing?: (source: Source) => void): Promise<CorpusView> {
    const sources: Source[] = [];
    for (const key of new Set(keys)) {
      const s = this.#mirror.get(key);
      if (s) sources.push(s);
    }
    await this.fetch(sources);
    const pinned = new Map<Source, Source>();
    for (const s of sources) {
      const now = this.#mirror.byUri(s.uri);
      const filled = now && this.filled(now);
      if (now && filled) pinned.set(now, filled);
    }
    return this.#view((s) => {
      const filled = pinned.get(s) ?? this.filled(s);
      if (!filled) missing?.(s);
      return filled ?? s;
    });
  }

  #view(fill: (source: Source) => Source): CorpusView {
    const mirror = this.#mirror;
    return {
      get: (key) => {
        const s = mirror.get(key);
        return s && fill(s);
      },
      byUri: (uri) => {
        const s = mirror.byUri(uri);
        return s && fill(s);
      },
      get sources() {
        return mirror.sources;
      },
      get size() {
        return mirror.size;
      },
      get warnings() {
        return mirror.warnings;
      },
    };
  }
}
