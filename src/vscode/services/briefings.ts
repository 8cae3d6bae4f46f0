// Parsed citations and grounding results for open Markdown briefings, cached per document version.
import * as vscode from 'vscode';
import { parseCitations } from '../../core/citations';
import type { BriefingText } from '../../core/features/types';
import type { Source } from '../../core/corpus';
import type { GroundingDiagnostic } from '../../core/grounding';
import { setting } from '../config';
import type { SourcesService } from './sources';

/** Cited sources whose texts are fetched ahead for a briefing, at most. */
const PREFETCH_MAX = 100;

interface Entry {
  version: number;
  libraryVersion: number;
  briefing: BriefingText;
  diagnostics?: GroundingDiagnostic[];
  /** Whether `diagnostics` include the claim check. */
  claims?: boolean;
  /** The check on its way. */
  checking?: Promise<GroundingDiagnostic[]>;
}

/** Answers questions about a briefing document, reusing work until the document or the sources change. */
export class BriefingDocuments {
  readonly #sources: SourcesService;
  readonly #cache = new Map<string, Entry>();

  constructor(sources: SourcesService) {
    this.#sources = sources;
  }

  /** True for Markdown documents that are briefings, not sources of the corpus. */
  isBriefing(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && !this.#sources.corpus.byUri(document.uri.toString());
  }

  #entry(document: vscode.TextDocument): Entry {
    const key = document.uri.toString();
    const libraryVersion = this.#sources.version;
    let e = this.#cache.get(key);
    if (!e || e.version !== document.version || e.libraryVersion !== libraryVersion) {
      const text = document.getText();
      e = { version: document.version, libraryVersion, briefing: { text, citations: parseCitations(text) } };
      this.#cache.set(key, e);
    }
    return e;
  }

  /** The document's text and citations, as the core's features read them. */
  briefing(document: vscode.TextDocument): BriefingText {
    return this.#entry(document).briefing;
  }

  /**
   * Grounding problems in the document, with their quick fixes. Claims are checked (unless switched off) once the
   * entity index is ready, so that aliases count from the start; until then the other checks run alone.
   */
  async diagnostics(document: vscode.TextDocument): Promise<GroundingDiagnostic[]> {
    const e = this.#entry(document);
    const wanted = setting<boolean>('diagnostics.claims.enabled') !== false;
    const claims = wanted && this.#sources.entitiesReady;
    if (!e.diagnostics || e.claims !== claims) {
      this.#prefetch(e.briefing);
      // The check runs in the desk; concurrent callers for the same text share one.
      e.checking ??= this.#sources.check(e.briefing.text, wanted).then((r) => {
        e.diagnostics = r.diagnostics;
        e.claims = r.claims;
        e.checking = undefined;
        return r.diagnostics;
      });
      return e.checking;
    }
    return e.diagnostics;
  }

  /**
   * Fetches the paragraph texts of the sources the briefing cites (the host's copy of the sources holds none), so that
   * a hover or the preview shows them without waiting. Not for a briefing that cites more sources than the host keeps
   * texts for: each check would fetch them all again.
   */
  #prefetch(briefing: BriefingText): void {
    const cited = new Set<Source>();
    for (const c of briefing.citations) {
      for (const item of c.items) {
        const source = this.#sources.corpus.get(item.key);
        if (source) cited.add(source);
      }
    }
    if (cited.size && cited.size <= PREFETCH_MAX) void this.#sources.texts.fetch([...cited]);
  }

  /** Forgets a closed document. */
  forget(document: vscode.TextDocument): void {
    this.#cache.delete(document.uri.toString());
  }
}
