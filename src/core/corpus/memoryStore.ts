// A SourceStore held in memory: for tests, and for hosts whose sources arrive as text (a web page, a worker).
import type { SourceStore } from './load';

/** Sources as text by URI; `set` and `delete` change them between loads. */
export class MemorySourceStore implements SourceStore {
  readonly #files = new Map<string, Uint8Array>();
  readonly #bundled: Set<string>;
  readonly #mtimes = new Map<string, number>();
  #clock = 1;
  #overrides: string | undefined;

  /** `files` maps URIs to text; `bundled` lists the URIs that count as bundled seeds. */
  constructor(files: Record<string, string> = {}, bundled: string[] = []) {
    for (const [uri, text] of Object.entries(files)) this.set(uri, text);
    this.#bundled = new Set(bundled);
  }

  /** Adds or replaces a file. */
  set(uri: string, text: string | Uint8Array): void {
    this.#files.set(uri, typeof text === 'string' ? new TextEncoder().encode(text) : text);
    this.#mtimes.set(uri, this.#clock++);
  }

  /** Removes a file. */
  delete(uri: string): void {
    this.#files.delete(uri);
  }

  /** Sets (or clears, with undefined) the entity overrides text. */
  setEntityOverrides(text: string | undefined): void {
    this.#overrides = text;
  }

  async list(): Promise<string[]> {
    return [...this.#files.keys()];
  }

  /** Size and a modification stamp (a counter that grows on every `set`). */
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    const bytes = this.#files.get(uri);
    return bytes && { size: bytes.length, mtime: this.#mtimes.get(uri)! };
  }

  async read(uri: string): Promise<Uint8Array> {
    const bytes = this.#files.get(uri);
    if (!bytes) throw new Error(`${uri} does not exist`);
    return bytes;
  }

  isBundled(uri: string): boolean {
    return this.#bundled.has(uri);
  }

  async readEntityOverrides(): Promise<{ uri: string; text: string } | undefined> {
    return this.#overrides === undefined ? undefined : { uri: 'memory:/briefing-entities.json', text: this.#overrides };
  }
}
