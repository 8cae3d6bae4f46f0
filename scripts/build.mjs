// Bundles the extension (vscode external), the CLI and the benchmark with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';

// The panel's icon font ships in media/ (the only folder the webview may load from).
mkdirSync('media/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf'])
  copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `media/codicons/${f}`);

const watch = process.argv.includes('--watch');

/**
 * world-countries ships translations, flags and borders we never read (about 1.2 MB); keep only the
 * fields the entity gazetteer uses (src/core/entities/gazetteer.ts), so the bundles stay small.
 */
const slimCountries = {
  name: 'slim-world-countries',
  setup(build) {
    build.onResolve({ filter: /^world-countries$/ }, () => ({ path: 'world-countries', namespace: 'slim-countries' }));
    build.onLoad({ filter: /.*/, namespace: 'slim-countries' }, async () => {
      const { readFile } = await import('node:fs/promises');
      const all = JSON.parse(await readFile('node_modules/world-countries/countries.json', 'utf8'));
      const slim = all.map((c) => ({
        name: { common: c.name.common, official: c.name.official },
        altSpellings: c.altSpellings,
        capital: c.capital,
        region: c.region,
        subregion: c.subregion,
        demonyms: c.demonyms?.eng ? { eng: c.demonyms.eng } : undefined,
      }));
      return { contents: JSON.stringify(slim), loader: 'json' };
    });
  },
};
/**
 * The source-format extractors (web pages, PDF, Word) are large and needed only when such a file is met: each is its
 * own bundle in dist/formats/, which the core's `import('./html')` loads on first use (see src/core/formats/registry).
 */
const FORMATS = ['html', 'pdf', 'docx'];
const lazyFormats = {
  name: 'lazy-formats',
  setup(build) {
    build.onResolve({ filter: /^\.\/(?:html|pdf|docx)$/ }, (args) =>
      /src[\\/]core[\\/]formats[\\/]registry\.ts$/.test(args.importer)
        ? { path: `./formats/${args.path.slice(2)}.js`, external: true }
        : undefined,
    );
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  format: 'cjs',
  plugins: [slimCountries, lazyFormats],
  // Node 20 has \p{...} in regular expressions; without this esbuild turns each such literal into `new RegExp(...)`
  // evaluated on every call (entity extraction ran about a third slower).
  supported: { 'regexp-unicode-property-escapes': true },
};
const formatBuilds = FORMATS.map((f) => ({
  ...common,
  entryPoints: [`src/core/formats/${f}.ts`],
  outfile: `dist/formats/${f}.js`,
  minify: true,
  sourcemap: false,
  // Optional native modules the DOM and pdf.js try (for rendering, which text extraction never does).
  external: ['canvas', '@napi-rs/canvas'],
  // pdf.js reads import.meta.url only to find helpers for rendering; a bundle has none.
  logOverride: { 'empty-import-meta': 'silent' },
  ...(f === 'pdf' ? { inject: ['scripts/dommatrix-shim.mjs'] } : {}),
}));
const builds = [
  ...formatBuilds,
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js' },
  { ...common, entryPoints: ['src/node/deskWorker.ts'], outfile: 'dist/deskWorker.js', minify: true },
  { ...common, entryPoints: ['src/node/scanWorker.ts'], outfile: 'dist/scanWorker.js', minify: true },
];
// The panel's front end, type-checked against the message protocol (tsconfig.webview.json), as one script.
builds.push({
  bundle: true,
  platform: 'browser',
  target: 'es2020',
  format: 'iife',
  sourcemap: false,
  logLevel: 'warning',
  entryPoints: ['src/webview/panel.ts'],
  outfile: 'media/panel.js',
});

/**
 * The browser build (src/web/): the extension for the web worker extension host, the index worker as a web worker,
 * the extractors, and the web test suite. No Node polyfills: esbuild's browser platform refuses a Node built-in, and
 * this plugin also refuses one imported from our own code even where a package's `browser` field would map it away.
 */
const NODE_BUILTINS = new Set((await import('node:module')).builtinModules);
const noNode = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.replace(/^node:/, '').split('/')[0];
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(name)) return undefined;
      if (/node_modules/.test(args.importer) && !args.path.startsWith('node:')) return undefined;
      return { errors: [{ text: `Node built-in '${args.path}' in the browser build (imported by ${args.importer})` }] };
    });
  },
};
/** In the browser build the core's `import('./html')` loads dist/web/formats/html.js through src/web/formatLoader. */
const webFormats = {
  name: 'web-formats',
  setup(build) {
    build.onResolve({ filter: /^\.\/(?:html|pdf|docx)$/ }, (args) =>
      /src[\\/]core[\\/]formats[\\/]registry\.ts$/.test(args.importer)
        ? { path: args.path.slice(2), namespace: 'web-format' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'web-format' }, (args) => {
      const fn = `extract${args.path[0].toUpperCase()}${args.path.slice(1)}`;
      return {
        contents: `import { loadFormat } from './formatLoader';
export const ${fn} = async (bytes) => (await loadFormat(${JSON.stringify(args.path)})).${fn}(bytes);`,
        resolveDir: 'src/web',
        loader: 'js',
      };
    });
  },
};
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  external: ['vscode'],
  metafile: true,
  plugins: [noNode, slimCountries, webFormats],
};
builds.push(
  { ...web, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js' },
  // Started from a blob: URL with importScripts, so a plain script.
  { ...web, entryPoints: ['src/web/deskWorker.ts'], outfile: 'dist/web/deskWorker.js', format: 'iife' },
  ...FORMATS.map((f) => ({
    ...web,
    entryPoints: [`src/core/formats/${f}.ts`],
    outfile: `dist/web/formats/${f}.js`,
    logOverride: { 'empty-import-meta': 'silent' },
    ...(f === 'pdf' ? { inject: ['scripts/dommatrix-shim.mjs'] } : {}),
  })),
);
if (existsSync('test/web/index.ts'))
  builds.push({ ...web, entryPoints: ['test/web/index.ts'], outfile: 'out/web-suite/index.js', minify: false });

if (existsSync('src/extension.ts'))
  builds.push({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: true,
  });

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(
    builds.filter((b) => existsSync(b.entryPoints[0])).map((b) => esbuild.build(b).then((r) => [b, r])),
  );
  // Sizes of the browser bundles, for the README's "Browser" section (`node scripts/build.mjs --sizes`).
  if (process.argv.includes('--sizes'))
    for (const [, r] of results)
      if (r.metafile) for (const [out, o] of Object.entries(r.metafile.outputs)) console.log(`${out}\t${o.bytes}`);

  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
