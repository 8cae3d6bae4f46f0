// Bundles the extension (vscode external), the CLI and the benchmark with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';

// The panel's icon font ships in media/ (the only folder the webview may load from).
mkdirSync('media/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `media/codicons/${f}`);

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
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', format: 'cjs', plugins: [slimCountries] };
const builds = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js' },
];
// The panel's front end, type-checked against the message protocol (tsconfig.webview.json), as one script.
builds.push({ bundle: true, platform: 'browser', target: 'es2020', format: 'iife', sourcemap: false, logLevel: 'warning', entryPoints: ['src/webview/panel.ts'], outfile: 'media/panel.js' });
if (existsSync('src/extension.ts')) builds.push({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true });

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.filter((b) => existsSync(b.entryPoints[0])).map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
