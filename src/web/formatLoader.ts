// Lazily loaded source-format extractors in the browser. In Node the core's `import('./html')` becomes a `require` of
// dist/formats/html.js; a web worker has no `require`, so the web bundles route those imports here (scripts/build.mjs):
// the extractor's bundle (dist/web/formats/NAME.js, CommonJS) is read as text the first time a file of its format is
// met and evaluated as a module. Where the text comes from differs by thread: the extension host reads it through
// workspace.fs, the index worker asks the extension host for it.

/** Reads the text of dist/web/formats/NAME.js. */
export type FormatSource = (name: string) => Promise<string>;

let source: FormatSource | undefined;
const loaded = new Map<string, Promise<Record<string, unknown>>>();

/** The entry point says where the extractor bundles come from (before any non-text source is read). */
export function useFormatSource(read: FormatSource): void {
  source = read;
}

/** The exports of the extractor bundle `name`, loaded once. */
export function loadFormat(name: string): Promise<Record<string, unknown>> {
  let p = loaded.get(name);
  if (!p) {
    p = (async () => {
      if (!source) throw new Error(`the ${name} extractor cannot be loaded here (no format source was set)`);
      const text = await source(name);
      const module = { exports: {} as Record<string, unknown> };
      const noRequire = (id: string): never => {
        throw new Error(`the ${name} extractor asked for '${id}', which the browser build does not have`);
      };
      // The bundle is our own file from the extension's folder (the same trust as the extension's main script).
      new Function('module', 'exports', 'require', text)(module, module.exports, noRequire);
      return module.exports;
    })();
    loaded.set(name, p);
    p.catch(() => loaded.delete(name));
  }
  return p;
}

/** Asked by the index worker, answered by the extension host: the text of one extractor bundle. */
export interface FormatRequest {
  formatRequest: number;
  name: string;
}
/** The answer to a FormatRequest. */
export interface FormatResponse {
  formatResponse: number;
  text?: string;
  error?: string;
}
