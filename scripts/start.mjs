// `npm start`: builds the extension and opens it, in development mode, in a local VS Code
// (code-server) on a demo workspace; prints the URL to open in a browser. Ctrl+C stops it.
//
// usage: node scripts/start.mjs [--no-build] [--watch]
//   --watch   rebuild on every change (then run "Developer: Reload Window" in the browser)
// env:   PORT=8080                  preferred port (a free one is used when it is taken)
//        BRIEFING_DEMO_DIR=dir      the demo workspace (default ~/.cache/briefing-desk/demo)
//        BRIEFING_CODE_SERVER=dir   use this code-server package instead of running the setup
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const cache = join(homedir(), '.cache', 'briefing-desk');
const demo = process.env.BRIEFING_DEMO_DIR || join(cache, 'demo');
const log = (msg) => console.error(`[start] ${msg}`);

if (!args.has('--no-build')) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    log('build failed');
    process.exit(1);
  }
}

// The server helpers are TypeScript shared with the tests; bundle them here so starting does
// not depend on the test build.
const helper = join(root, 'out', 'start', 'codeServer.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test', 'support', 'codeServer.ts')],
  outfile: helper,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const cs = createRequire(import.meta.url)(helper);

const pkg = cs.ensureCodeServer();
// Refresh the demo's own files; anything else the user added there stays.
mkdirSync(demo, { recursive: true });
cpSync(join(root, 'demo'), demo, { recursive: true, force: true });
const runDir = cs.makeRunDir({ dir: join(cache, 'start'), keepSettings: true });

const wanted = Number(process.env.PORT || 8080);
const port = (await cs.portInUse(wanted)) ? await cs.freePort() : wanted;
if (port !== wanted) log(`port ${wanted} is taken; using ${port}`);
const server = await cs.startCodeServer({ pkg, runDir, workspace: demo, port });

let watcher;
if (args.has('--watch'))
  watcher = spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: root, stdio: 'inherit' });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  watcher?.kill('SIGTERM');
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.exited.then((code) => {
  if (stopping) return;
  log(`code-server exited (${code}); its log is ${join(runDir, 'server.log')}`);
  watcher?.kill('SIGTERM');
  process.exit(1);
});

log(`demo workspace: ${demo}`);
log(`server log:     ${join(runDir, 'server.log')}`);
log('the extension runs in development mode; after a rebuild use "Developer: Reload Window"');
log('open the URL below in a browser on this machine; Ctrl+C stops the server');
console.log(server.url([['extensionDevelopmentPath', server.remote(root)]]));
