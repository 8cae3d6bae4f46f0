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
  await Promise.all(builds.filter((b) => existsSync(b.entryPoints[0])).map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
