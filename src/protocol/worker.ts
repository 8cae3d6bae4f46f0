// Messages between a host (VS Code's extension host, the CLI, later a browser page) and the worker that owns the
// desk. Plain data only (structured-clone safe): no vscode, Node or DOM types, so a web worker can serve it too.
import type { Entity } from '../core/entities/types';
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
}

/** What the host asks the worker, each with an id its answer carries. */
export type WorkerRequest =
  | { id: number; op: 'load' }
  | { id: number; op: 'refresh'; uris: string[] }
  | { id: number; op: 'remove'; uris: string[] }
  | { id: number; op: 'search'; query: string; options?: SearchOptions }
  | { id: number; op: 'check'; markdown: string }
  | { id: number; op: 'sources' }
  | { id: number; op: 'entities' }
  | { id: number; op: 'setEntityOverrides'; text: string | undefined }
  | { id: number; op: 'saveIndex' };

/** The answer to a request. */
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Results by operation, for typed clients. */
export interface WorkerResults {
  load: DeskTotals;
  refresh: DeskTotals;
  remove: DeskTotals;
  search: SearchHit[];
  check: GroundingDiagnostic[];
  sources: SourceSummary[];
  entities: Entity[];
  setEntityOverrides: string[];
  saveIndex: null;
}

/** I/O the worker asks of the host (the host owns the file system: workspace.fs, Node's fs, memory). */
export type StoreRequest =
  | { sid: number; store: 'list' } // answered with { uris, bundled }: bundled is the subset that is bundled
  | { sid: number; store: 'read'; uri: string }
  | { sid: number; store: 'stat'; uri: string }
  | { sid: number; store: 'readEntityOverrides' }
  | { sid: number; store: 'readCache' }
  | { sid: number; store: 'writeCache'; bytes: Uint8Array };

/** The host's answer to a store request. */
export type StoreResponse = { sid: number; ok: true; result: unknown } | { sid: number; ok: false; error: string };

/** Things the worker says unasked. */
export type WorkerEvent =
  | { event: 'progress'; done: number; total: number }
  | { event: 'indexed'; sources: number; passages: number }
  | { event: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Everything the host sends. */
export type ToWorker = WorkerRequest | StoreResponse;
/** Everything the worker sends. */
export type FromWorker = WorkerResponse | StoreRequest | WorkerEvent;

/** The one thing both ends need from a channel (worker_threads' port, a web worker, a MessagePort). */
export interface Channel<In, Out> {
  post(message: Out): void;
  listen(handler: (message: In) => void): void;
}
