// Messages between a host (VS Code's extension host, the CLI, later a browser page) and the worker that owns the
// desk. Plain data only (structured-clone safe): no vscode, Node or DOM types, so a web worker can serve it too.
import type { CheckOptions } from '../core/grounding/check';
import type { Paragraph, Source, SourceFileWarning } from '../core/corpus/types';
import type { LoadSteps } from '../core/worker/phases';
import type { Entity, EntityCard, EntityType } from '../core/entities/types';
import type { GroundingDiagnostic } from '../core/grounding/types';
import type { SearchHit, SearchOptions } from '../core/search/types';

/** A source as the host lists it. */
export interface SourceSummary {
  key: string;
  uri: string;
  title: string;
  date: string | null;
  paragraphs: number;
  bundled: boolean;
}

/** Totals after a load or a change. */
export interface DeskTotals {
  sources: number;
  passages: number;
  problems: Array<{ uri: string; reason: string }>;
  /** Files read (not reused from the saved index) by this load. */
  read?: number;
  /** A load's steps in the worker: when each happened (first and last of a repeated step), see LoadPhases. */
  phases?: LoadSteps;
  /**
   * The load answered from the saved index (asked with `savedFirst`): the files are being checked, and a `checked`
   * event follows once what changed since the save is applied.
   */
  unchecked?: boolean;
}

/** An entity as a list shows it (the panel): no mentions, so a list of thousands stays small. */
export interface EntitySummary {
  name: string;
  type: EntityType;
  /** Mentions across the sources. */
  mentions: number;
  /** Sources that mention it. */
  sources: number;
  description: string | null;
}

/** The entity card for a name in a text, with the span of the name. */
export interface EntityAt {
  start: number;
  end: number;
  card: EntityCard;
}

/** A grounding check's result, and whether the claim check ran (it waits for the entity index). */
export interface CheckResult {
  diagnostics: GroundingDiagnostic[];
  claims: boolean;
}

/** Memory of the worker's own heap, in bytes (when the worker can tell). */
export interface WorkerMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** What the host asks the worker, each with an id its answer carries. */
export type WorkerRequest =
  /**
   * `local`: the rules to list the files by, for a worker that reaches the disk itself (see ListAnswer). `savedFirst`:
   * a first load may answer from the saved index and check the files after (see DeskTotals.unchecked).
   */
  | { id: number; op: 'load'; local?: LocalListing; savedFirst?: boolean }
  | { id: number; op: 'refresh'; uris: string[] }
  | { id: number; op: 'remove'; uris: string[] }
  | { id: number; op: 'search'; query: string; options?: SearchOptions; entity?: string }
  | { id: number; op: 'check'; markdown: string; claims?: CheckOptions['claims'] }
  | { id: number; op: 'sources' }
  | { id: number; op: 'entities' }
  | { id: number; op: 'entityList'; ifReady?: boolean }
  | { id: number; op: 'entityCard'; name: string }
  | { id: number; op: 'entityAt'; text: string; offset: number }
  | { id: number; op: 'setEntityOverrides'; text: string | undefined }
  | { id: number; op: 'reloadEntityOverrides' }
  | { id: number; op: 'saveIndex'; ifDirty?: boolean }
  | { id: number; op: 'memory' }
  | { id: number; op: 'sourceText'; uri: string }
  | { id: number; op: 'paragraphTexts'; uris: string[] };

/** The answer to a request. */
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Results by operation, for typed clients. */
export interface WorkerResults {
  load: DeskTotals;
  refresh: DeskTotals;
  remove: DeskTotals;
  search: SearchHit[];
  check: CheckResult;
  sources: SourceSummary[];
  entities: Entity[];
  /** Null with `ifReady` while the entity index is being built. */
  entityList: EntitySummary[] | null;
  entityCard: EntityCard | null;
  entityAt: EntityAt | null;
  setEntityOverrides: string[];
  reloadEntityOverrides: null;
  saveIndex: null;
  memory: WorkerMemory | null;
  /** A source's file text as read (null: no such source). */
  sourceText: string | null;
  paragraphTexts: ParagraphTexts;
}

/**
 * The texts of sources' paragraphs (the host's copy of the sources has none): for each URI asked, the texts of ¶1..N
 * in order, or null when the desk has no such source; `version` is the library's version they were read at.
 */
export interface ParagraphTexts {
  version: number;
  texts: Array<string[] | null>;
}

/** I/O the worker asks of the host (the host owns the file system: workspace.fs, Node's fs, memory). */
export type StoreRequest =
  /** Answered with a ListAnswer; `local`: the worker can list, stat and read files on disk itself (LocalListing). */
  | { sid: number; store: 'list'; local?: boolean }
  | { sid: number; store: 'read'; uri: string }
  | { sid: number; store: 'stat'; uri: string }
  | { sid: number; store: 'readEntityOverrides' }
  | { sid: number; store: 'readCache' }
  | { sid: number; store: 'writeCache'; bytes: Uint8Array };

/**
 * The answer to `list`: the URIs, the subset that is bundled, and what the listing passed over (with why). Or, to a
 * worker that asked with `local` when every folder is on disk, only `local`: the rules to list by (the host lists
 * nothing then, and the worker stats and reads the files itself).
 */
export interface ListAnswer {
  uris: string[];
  bundled: string[];
  skipped: Array<{ uri: string; reason: string }>;
  local?: LocalListing;
}

/**
 * The host's file search, as plain rules a worker with its own disk access applies to pick exactly the same files
 * (VS Code's findFiles: each folder walked, hidden files included, symbolic links followed, the glob matched against
 * the path relative to the folder, excluded paths and everything under them left out; ignore files not read).
 */
export interface LocalListing {
  /** Workspace folders: the path on disk, the URI as the host writes it, and the exclude globs that apply there. */
  folders: Array<{ path: string; uri: string; excludes: string[] }>;
  /** Source globs, relative to each folder. */
  globs: string[];
  /** Folders on disk where bad entries (a FIFO, a link loop) are looked for, as the host names them. */
  badEntryDirs: string[];
  /** The bundled seeds' folder (path and URI), when they are included. */
  seeds?: { path: string; uri: string };
  /** The largest file read (bytes), and the setting that changes it. */
  limit: { bytes: number; name: string };
}

/**
 * The host's answer to a store request. `unusable`: the file is not one to read (a pipe, over the size limit), and
 * `error` is the whole reason, as the core words it.
 */
export type StoreResponse =
  { sid: number; ok: true; result: unknown } | { sid: number; ok: false; error: string; unusable?: boolean };

/**
 * Things the worker says unasked. `sources` keeps a host's copy of the keyed sources current (what hovers,
 * completions and the preview read at once): sent in chunks as sources are indexed, changed or removed; `version`
 * increases with every change of the library. The sources come without their texts: `text` is empty (the rare view of
 * a whole file asks `sourceText`) and so is each paragraph's `text` (what shows a passage asks `paragraphTexts` for
 * the few sources it shows): the host keeps keys, titles, metadata and where each paragraph is, which answers
 * definitions, completions of keys and range checks at once, at a fraction of the memory and of the work of taking
 * thousands of sources in. `entities` says the entity index is current again.
 */
export type WorkerEvent =
  /** `checking`: files are checked against the saved index (after a load that answered from it). */
  | { event: 'progress'; done: number; total: number; checking?: boolean }
  /**
   * The files were checked after a load that answered from the saved index: `changed` sources were updated or removed
   * (their `sources` events came first); `read`: files read; `phases`: the check's steps.
   */
  | ({ event: 'checked'; changed: number } & DeskTotals)
  | { event: 'indexed'; sources: number; passages: number }
  | { event: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | {
      event: 'sources';
      version: number;
      /** The new or changed sources, without texts. */
      updated: PackedSources;
      removed: string[];
      warnings?: SourceFileWarning[];
      /** False while more chunks of the same change follow. */
      last: boolean;
    }
  | { event: 'entities'; version: number; count: number };

/** A paragraph's fields beyond its number, offsets and line. */
export type ParagraphMore = Pick<Paragraph, 'section' | 'page' | 'pageEnd'>;

/** The fields few sources have, and sections and pages by paragraph index (for the paragraphs that have any). */
export type SourceMore = Pick<Source, 'format' | 'pages' | 'language' | 'accessed'> & {
  paragraphs?: Record<number, ParagraphMore>;
};

/**
 * Sources as the worker sends them to the host's copy: a few arrays for any number of sources, column by column, not
 * an object per source and per paragraph (taking thousands of those in keeps the host's garbage collector busy).
 */
export interface PackedSources {
  /** How many sources. */
  count: number;
  /** Seven per source, one source after another: key, URI, title, date, place, outlet, URL. */
  fields: Array<string | null>;
  /** Per source: 1 if it is a bundled seed. */
  bundled: Uint8Array;
  /** Per source: how many paragraphs it has (their places follow one another in `places`). */
  paragraphs: Uint32Array;
  /** Where each paragraph is, four numbers each (n, start, end, line), source after source. */
  places: Uint32Array;
  /** The authors of the sources that have any, by index. */
  authors?: Record<number, string[]>;
  /** The rarer fields, by index, for the sources that have any. */
  more?: Record<number, SourceMore>;
}

/** Everything the host sends. */
export type ToWorker = WorkerRequest | StoreResponse;
/** Everything the worker sends. */
export type FromWorker = WorkerResponse | StoreRequest | WorkerEvent;

/** The one thing both ends need from a channel (worker_threads' port, a web worker, a MessagePort). */
export interface Channel<In, Out> {
  post(message: Out): void;
  listen(handler: (message: In) => void): void;
}

/** The host's end of a running index worker (worker_threads in Node, a web worker in a browser). */
export interface WorkerPort {
  /** Messages to and from the worker (plain data, structured-clone safe). */
  channel: Channel<FromWorker, ToWorker>;
  /** Stops the worker (on deactivation, reload, closing the folder). */
  terminate(): void | Promise<void>;
  /** Calls `handler` when the worker ends by itself or is terminated (a host without the notice may leave it out). */
  onExit?(handler: () => void): void;
}
