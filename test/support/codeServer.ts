// Starts and stops code-server (a real VS Code server + web workbench) for the integration suite,
// the end-to-end tests and `npm start`. Node only: no vscode, no browser.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The repository root: the nearest folder above this file that holds scripts/setup-code-server.sh. */
export const REPO_ROOT = findRepoRoot(__dirname);

/** Settings every run starts with; without them telemetry and trust prompts interfere with tests. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

/** A running code-server. */
export interface CodeServer {
  /** The TCP port on 127.0.0.1. */
  port: number;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The folder the workbench opens. */
  workspace: string;
  /** The run folder: config.yaml, user data (`ud/`), extensions (`ext/`), server.log. */
  runDir: string;
  /** The server's own output so far (for failure reports). */
  log(): string;
  /** Resolves with the exit code when the server exits on its own or is stopped. */
  exited: Promise<number | null>;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the workbench names a file on this server. */
  remote(absPath: string): string;
  /** The workbench URL for the workspace, with an optional `payload` of `[name, value]` pairs. */
  url(payload?: [string, string][]): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the server is gone. */
  stop(): Promise<void>;
}

/** Options for {@link startCodeServer}. */
export interface StartOptions {
  /** code-server's package folder (from {@link ensureCodeServer}). */
  pkg: string;
  /** The run folder from {@link makeRunDir}. */
  runDir: string;
  /** The folder to open. */
  workspace: string;
  /** A port to use; a free one when omitted. */
  port?: number;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** Also echo the server's output to this process's stderr. */
  echo?: boolean;
}

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'setup-code-server.sh'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Returns code-server's package folder, installing it first when needed (about a minute, once).
 * `BRIEFING_CODE_SERVER` names an existing package folder and skips the setup script.
 */
export function ensureCodeServer(opts: { withChromium?: boolean } = {}): string {
  const given = process.env.BRIEFING_CODE_SERVER;
  if (given) return given;
  const args = [path.join(REPO_ROOT, 'scripts', 'setup-code-server.sh')];
  if (opts.withChromium) args.push('--with-chromium');
  const r = spawnSync('bash', args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/setup-code-server.sh failed (exit ${r.status})`);
  const pkg = r.stdout.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(path.join(pkg, 'out', 'node', 'entry.js'))) throw new Error(`no code-server in '${pkg}'`);
  process.env.BRIEFING_CODE_SERVER = pkg; // later calls in this process skip the script
  return pkg;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Prepares a run folder: code-server's config.yaml (so `~/.config/code-server` is never used),
 * user settings and an extensions folder. A new temp folder when `dir` is omitted; `keepSettings`
 * leaves an existing settings.json alone (the demo keeps what its user changed).
 */
export function makeRunDir(
  opts: { dir?: string; settings?: Record<string, unknown>; keepSettings?: boolean } = {},
): string {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-desk-'));
  fs.mkdirSync(path.join(dir, 'ud', 'User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'ext'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  const file = path.join(dir, 'ud', 'User', 'settings.json');
  if (opts.keepSettings && fs.existsSync(file)) return dir;
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...opts.settings }, null, 2) + '\n');
  return dir;
}

/** Copies a fixture folder to `dest` (replacing it) and returns `dest`. */
export function copyWorkspace(fixture: string, dest: string): string {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(fixture, dest, { recursive: true });
  return dest;
}

function serverArgs(pkg: string, runDir: string): string[] {
  return [
    path.join(pkg, 'out', 'node', 'entry.js'),
    '--config',
    path.join(runDir, 'config.yaml'),
    '--user-data-dir',
    path.join(runDir, 'ud'),
    '--extensions-dir',
    path.join(runDir, 'ext'),
  ];
}

/** The server's environment: ours, minus what a surrounding VS Code terminal would leak into it. */
function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

/** Installs a packaged extension into the run folder's extensions dir, as a user would (~1.5 s). */
export function installVsix(pkg: string, runDir: string, vsix: string): void {
  const r = spawnSync(process.execPath, [...serverArgs(pkg, runDir), '--install-extension', path.resolve(vsix)], {
    env: serverEnv(),
    encoding: 'utf8',
  });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers /healthz. On a loaded machine its own wrapper can
 * give up on its child after 10 s ("timed out") and exit: then it is started again, up to three times in all.
 */
export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof StartupExit)) throw e;
    }
  }
}

/** code-server exited before it answered. */
class StartupExit extends Error {}

async function startOnce(opts: StartOptions): Promise<CodeServer> {
  const port = opts.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    ...serverArgs(opts.pkg, opts.runDir),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    opts.workspace,
  ];
  const logFile = path.join(opts.runDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, args, {
    env: serverEnv(opts.env),
    stdio: ['ignore', opts.echo ? 'pipe' : out, opts.echo ? 'pipe' : out],
  });
  if (opts.echo) {
    for (const s of [child.stdout, child.stderr])
      s?.on('data', (b: Buffer) => (fs.appendFileSync(logFile, b), process.stderr.write(b)));
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => (fs.closeSync(out), resolve(code))),
  );
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  const server: CodeServer = {
    port,
    origin,
    workspace: opts.workspace,
    runDir: opts.runDir,
    log,
    exited,
    remote: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`,
    url: (payload) => {
      let u = `${origin}/?folder=${encodeURIComponent(opts.workspace)}`;
      if (payload?.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };

  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000; // a loaded machine starts it slowly
  while (!(await healthy(origin))) {
    if (gone) throw new StartupExit(`code-server exited during start-up:\n${log()}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${origin} within 120 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

async function healthy(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/healthz`);
    return res.ok;
  } catch {
    return false;
  }
}
