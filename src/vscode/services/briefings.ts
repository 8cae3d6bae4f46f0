// Parsed citations and grounding results for open Markdown briefings, cached per document version.
import * as vscode from 'vscode';
import { parseCitations } from '../../core/citations';
import type { BriefingText } from '../../core/features/types';
import type { GroundingDiagnostic } from '../../core/grounding';
import { setting } from '../config';
import type { SourcesService } from './sources';

interface Entry {
  version: number;
  libraryVersion: number;
  briefing: BriefingText;
  diagnostics?: GroundingDiagnostic[];
  /** Whether `diagnostics` include the claim check. */
  claims?: boolean;
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
    return document.languageId === 'markdown' && !this.#sources.library.corpus.byUri(document.uri.toString());
  }

  #entry(document: vscode.TextDocument): Entry {
    const key = document.uri.toString();
    const libraryVersion = this.#sources.library.version;
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
  diagnostics(document: vscode.TextDocument): GroundingDiagnostic[] {
    const e = this.#entry(document);
    const entities = this.#sources.library.entitiesIfReady;
    const claims = setting<boolean>('diagnostics.claims.enabled') !== false && !!entities;
    if (!e.diagnostics || e.claims !== claims) {
      e.diagnostics = this.#sources.desk.check(e.briefing.text, { claims, entities });
      e.claims = claims;
    }
    return e.diagnostics;
  }

  /** Forgets a closed document. */
  forget(document: vscode.TextDocument): void {
    this.#cache.delete(document.uri.toString());
  }
}
