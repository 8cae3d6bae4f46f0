// `npm run bench -- corpus`: an analyst's corpus on disk (1,000 and 10,000 article-sized sources cut from the State of
// the Union addresses), measured through the same desk the CLI opens: cold build, warm start from the cache, one
// changed source, search, a 50-citation check, entity extraction, peak RSS, and `rg -F` as the floor of a phrase search.
// Each step runs in its own process, so its time and peak RSS are its own (a warm start pays for a fresh process's
// memory as the CLI's does) and the memory a loaded index holds can be read after a full GC.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { createBriefingDesk, type BriefingDesk } from '../src/core/desk';
import { cacheFileFor, FsCacheStore } from '../src/node/cacheStore';
import { FsSourceStore } from '../src/node/fsStore';
import { seeded } from '../test/unit/helpers/citationGen';
import { QUERIES } from './queries';
import { loadSpeeches, passages, sentences } from './sotu';

/** One corpus size, as `--json` prints it. */
export interface CorpusRun {
  sources: number;
  passages: number;
  cold_ms: number;
  warm_ms: number;
  update_one_ms: number;
  search_p50_ms: number;
  search_p95_ms: number;
  check_ms: number;
  /**
   * `briefing entities --json` in its own process, the saved index already holding entities and one source changed
   * since (the repeated case): load from the cache, extract again what the change affects, save, print.
   */
  entities_ms: number;
  /** That process's peak resident memory. */
  entities_peak_rss_mb: number | null;
  /** Its CPU time (user and system, all threads): a figure other processes on the machine disturb less. */
  entities_cpu_ms: number | null;
  /** The same command the first time, the saved index holding no entities: every source extracted (from scratch). */
  entities_scratch_ms: number;
  entities_scratch_peak_rss_mb: number | null;
  entities_scratch_cpu_ms: number | null;
  /** The same extraction in the measuring process (its desk already loaded), plus saving the index. */
  entities_desk_ms: number;
  /** The first card (it builds the paragraph → entities index), then the slowest of the next 19 most mentioned. */
  card_first_ms: number;
  card_ms: number;
  /** The highest of the steps' peaks below (each step runs in its own process) and the entities command's. */
  peak_rss_mb: number;
  /** Peak RSS of a process that only builds the index cold (and saves it). */
  cold_rss_mb: number;
  /** Peak RSS of a process that only starts warm from the saved index. */
  warm_rss_mb: number;
  /** After a warm start and a full garbage collection: the JavaScript heap, and the process's resident memory. */
  loaded_heap_mb: number;
  loaded_rss_mb: number;
  /** Peak RSS of the process that starts warm, then updates, searches, checks, extracts entities and opens cards. */
  rest_rss_mb: number;
  rg_phrase_ms: number | null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** An article: a title line, a date line, then 5-12 paragraphs of one address from a seeded starting sentence. */
interface Article {
  file: string;
  title: string;
  paragraphs: string[];
}

/** The modification time the corpus files get. */
const WRITTEN = new Date('2026-01-15T12:00:00Z');

/** Writes `count` articles into `dir` (deterministic: the same files on every run and machine). */
export function writeCorpus(dir: string, count: number): Article[] {
  const speeches = loadSpeeches().map((s) => ({ ...s, sentences: sentences(s.text) }));
  const rnd = seeded(20_251_130);
  fs.mkdirSync(dir, { recursive: true });
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const sp = speeches[Math.floor(rnd() * speeches.length)];
    const start = Math.floor(rnd() * Math.max(1, sp.sentences.length - 60));
    const paras = passages(sp.sentences.slice(start, start + 80), 0, 350 + Math.floor(rnd() * 250));
    const paragraphs = paras.slice(0, 5 + Math.floor(rnd() * 8));
    const words = paragraphs[0]
      .split(/\s+/)
      .slice(0, 6 + Math.floor(rnd() * 4))
      .join(' ')
      .replace(/[.,;:]+$/, '');
    const title = `${words}: ${sp.name}, ${sp.year}`;
    const month = Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const file = path.join(dir, `${String(i).padStart(5, '0')}.txt`);
    const date = `${MONTHS[month]} ${day}, ${sp.year}`;
    fs.writeFileSync(file, `${title}\n\n${date}\n\n${paragraphs.join('\n\n')}\n`);
    // Dated like a clipping kept for a while: a file modified within 2 s of the index's save is hashed on the next
    // start rather than trusted by its stamp, which a corpus written just before a 1,000-source cold build would be.
    fs.utimesSync(file, WRITTEN, WRITTEN);
    out.push({ file, title, paragraphs });
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function open(dir: string, cacheDir: string | undefined): Promise<{ desk: BriefingDesk; ms: number }> {
  const t0 = performance.now();
  // The file the CLI uses for this folder, so `briefing entities --cache` (the entities step) finds the same index.
  const cache = cacheDir ? new FsCacheStore(cacheFileFor(cacheDir, [dir])) : undefined;
  const desk = createBriefingDesk({ store: new FsSourceStore([dir]), cache });
  await desk.load();
  return { desk, ms: performance.now() - t0 };
}

/**
 * A briefing with 50 citations, each with a quotation: most exact, some misquoted, some citing the wrong source
 * (so "found in another source" and the closest passage are looked up across the corpus).
 */
function briefing(desk: BriefingDesk): string {
  const rnd = seeded(7);
  const sources = desk.library.sources;
  const lines = ['# Briefing', ''];
  for (let i = 0; i < 50; i++) {
    const s = sources[Math.floor(rnd() * sources.length)];
    const p = s.paragraphs[Math.floor(rnd() * s.paragraphs.length)];
    const ws = p.text.split(' ');
    const at = Math.floor(rnd() * Math.max(1, ws.length - 10));
    let quote = ws
      .slice(at, at + 8)
      .join(' ')
      .replace(/["“”]/g, '');
    let key = s.key;
    if (i % 10 === 3) quote = quote.replace(/\b(\w)(\w+)/, '$2$1'); // a misquote
    if (i % 10 === 7) key = sources[(sources.indexOf(s) + 1) % sources.length].key; // wrong source
    lines.push(`The record says “${quote}” [@${key}, ¶${p.n}].`, '');
  }
  return lines.join('\n');
}

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const mb = (bytes: number) => Math.round(bytes / (1 << 20));

/** The cold step (its own process): an empty cache, every source read, parsed and indexed, the index saved. */
async function coldStep(dir: string, cacheDir: string) {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const { desk, ms } = await open(dir, cacheDir);
  return {
    sources: desk.library.sources.length,
    passages: desk.library.search.passageCount,
    cold_ms: round1(ms),
    cold_rss_mb: peakMb(),
  };
}

/** The warm step (its own process, run with --expose-gc): a desk over the saved cache, then what it holds. */
async function warmStep(dir: string, cacheDir: string) {
  const { desk, ms } = await open(dir, cacheDir);
  const peak = peakMb();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  if (desk.library.sources.length === 0) throw new Error('the warm desk has no sources');
  return { warm_ms: round1(ms), warm_rss_mb: peak, loaded_heap_mb: mb(m.heapUsed), loaded_rss_mb: mb(m.rss) };
}

/** The rest (its own process): a warm desk, then one changed source, searches, a check, entities and cards. */
async function restStep(dir: string, cacheDir: string) {
  // The saved index holds no entities yet: the first `briefing entities` extracts every source and saves them.
  const scratch = entitiesCommand(dir, cacheDir);
  const { desk } = await open(dir, cacheDir);
  // One source changes: a sentence appended to its last paragraph.
  const changed = desk.library.sources[Math.floor(desk.library.sources.length / 2)];
  fs.appendFileSync(changed.uri, ' This sentence was added later.\n');
  const t1 = performance.now();
  await desk.refresh([changed.uri]);
  const updateMs = performance.now() - t1;
  const times: number[] = [];
  for (const q of QUERIES) desk.search(q.q);
  for (const q of QUERIES) {
    const rounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      desk.search(q.q, { limit: 20 });
      rounds.push(performance.now() - t);
    }
    times.push(rounds.sort((a, b) => a - b)[1]);
  }
  times.sort((a, b) => a - b);
  const md = briefing(desk);
  const checks: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    desk.check(md);
    checks.push(performance.now() - t);
  }
  const entities = entitiesCommand(dir, cacheDir);
  const t2 = performance.now();
  const index = await desk.entities();
  const entitiesDeskMs = performance.now() - t2;
  const cards: number[] = [];
  for (const e of index.entities.slice(0, 20)) {
    const t = performance.now();
    index.card(e, desk.library.sources);
    cards.push(performance.now() - t);
  }
  const phrase = changed.paragraphs[0].text.split(' ').slice(2, 7).join(' ');
  let rg: number | null = null;
  const t3 = performance.now();
  const r = spawnSync('rg', ['-F', '-l', '--', phrase, dir], { encoding: 'utf8' });
  if (!r.error) rg = performance.now() - t3;
  return {
    update_one_ms: round1(updateMs),
    search_p50_ms: round1(percentile(times, 50)),
    search_p95_ms: round1(percentile(times, 95)),
    check_ms: round1(checks[0]),
    entities_ms: round1(entities.ms),
    entities_peak_rss_mb: entities.peakRssMb,
    entities_cpu_ms: entities.cpuMs,
    entities_scratch_ms: round1(scratch.ms),
    entities_scratch_peak_rss_mb: scratch.peakRssMb,
    entities_scratch_cpu_ms: scratch.cpuMs,
    entities_desk_ms: round1(entitiesDeskMs),
    card_first_ms: round1(cards[0] ?? 0),
    card_ms: round1(Math.max(0, ...cards.slice(1))),
    rest_rss_mb: peakMb(),
    rg_phrase_ms: rg === null ? null : round1(rg),
  };
}

/**
 * `briefing entities --json --sources DIR --cache CACHE` as a user runs it, in a process of its own (the CLI bundle
 * beside this one, its output discarded): its time, and its peak RSS and CPU time as the process reports them on exit.
 */
function entitiesCommand(
  dir: string,
  cacheDir: string,
): { ms: number; peakRssMb: number | null; cpuMs: number | null } {
  const cli = path.join(path.dirname(process.argv[1]), 'cli.js');
  const run = [
    'const cli = require(process.argv[1]);',
    "process.on('exit', () => { const u = process.resourceUsage();",
    "process.stderr.write('\\nmaxrss_kb=' + u.maxRSS + ' cpu_us=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });",
    'cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });',
  ].join(' ');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', run, cli, 'entities', '--json', '--sources', dir, '--cache', cacheDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`briefing entities failed (exit ${r.status}): ${r.stderr}`);
  const m = /maxrss_kb=(\d+) cpu_us=(\d+)/.exec(r.stderr);
  return {
    ms,
    peakRssMb: m ? Math.round(Number(m[1]) / 1024) : null,
    cpuMs: m ? Math.round(Number(m[2]) / 1000) : null,
  };
}

const STEPS = { cold: coldStep, warm: warmStep, rest: restStep };
type Step = keyof typeof STEPS;

/** Runs one step of one corpus in a child process (`bench corpus-child STEP DIR CACHE`), so its peak RSS is its own. */
function runStep<T>(step: Step, dir: string, cacheDir: string): T {
  const flags = step === 'warm' ? ['--expose-gc'] : [];
  const child = spawnSync(process.execPath, [...flags, process.argv[1], 'corpus-child', step, dir, cacheDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`the ${step} step over ${dir} failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as T;
}

/** Measures one corpus already on disk: cold, then two warm starts (the faster counts), then the rest; each alone. */
export function measureCorpus(dir: string, cacheDir: string): CorpusRun {
  const cold = runStep<Awaited<ReturnType<typeof coldStep>>>('cold', dir, cacheDir);
  const warms = [0, 1].map(() => runStep<Awaited<ReturnType<typeof warmStep>>>('warm', dir, cacheDir));
  const warm = warms.reduce((a, b) => (b.warm_ms < a.warm_ms ? b : a));
  const rest = runStep<Awaited<ReturnType<typeof restStep>>>('rest', dir, cacheDir);
  const peak = Math.max(
    cold.cold_rss_mb,
    ...warms.map((w) => w.warm_rss_mb),
    rest.rest_rss_mb,
    rest.entities_peak_rss_mb ?? 0,
    rest.entities_scratch_peak_rss_mb ?? 0,
  );
  return { ...cold, ...warm, ...rest, peak_rss_mb: peak };
}

function table(runs: CorpusRun[]): string {
  const head = [
    'sources',
    'passages',
    'cold ms',
    'warm ms',
    'warm/cold',
    'update 1',
    'search p50',
    'p95',
    'check 50',
    'entities ms',
    'entities RSS MB',
    'scratch ms/MB',
    'card 1st/next',
    'RSS MB cold/warm/loaded/rest',
    'heap MB',
    'rg -F ms',
  ];
  const n = (v: number) => v.toLocaleString('en-US');
  const rows = runs.map((r) =>
    [
      r.sources,
      r.passages,
      r.cold_ms,
      r.warm_ms,
      `${((100 * r.warm_ms) / r.cold_ms).toFixed(1)}%`,
      r.update_one_ms,
      r.search_p50_ms,
      r.search_p95_ms,
      r.check_ms,
      r.entities_ms,
      r.entities_peak_rss_mb ?? '—',
      `${n(r.entities_scratch_ms)} / ${r.entities_scratch_peak_rss_mb ?? '—'}`,
      `${n(r.card_first_ms)} / ${n(r.card_ms)}`,
      [r.cold_rss_mb, r.warm_rss_mb, r.loaded_rss_mb, r.rest_rss_mb].map(n).join(' / '),
      r.loaded_heap_mb,
      r.rg_phrase_ms ?? '—',
    ].map((v) => (typeof v === 'number' ? n(v) : v)),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * `bench corpus [--sizes 1000,10000] [--json] [--keep DIR]`: writes each corpus into a temporary folder and measures
 * each step in its own child process (`bench corpus-child STEP DIR CACHE`).
 */
export async function corpusBench(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const at = argv.indexOf('--sizes');
  const sizes = (at >= 0 ? argv[at + 1] : '1000,10000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const log = (s: string) => (json ? process.stderr : process.stdout).write(s + '\n');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-corpus-'));
  const runs: CorpusRun[] = [];
  log(`Corpora in ${root}: articles of 5-12 paragraphs (350-900 characters) from the State of the Union addresses,`);
  log(`with a title line and a date line; the same files on every run. Each step runs in its own process.`);
  try {
    for (const n of sizes) {
      const dir = path.join(root, String(n));
      writeCorpus(dir, n);
      process.stderr.write(`  measuring ${n.toLocaleString('en-US')} sources...\n`);
      runs.push(measureCorpus(dir, path.join(root, `cache-${n}`)));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (json) {
    process.stdout.write(JSON.stringify({ corpus: runs }) + '\n');
    return;
  }
  log('');
  log(table(runs));
  log('');
  log('cold: load with an empty cache; warm: a new desk over the saved cache in a new process (best of 2); update 1:');
  log('one source changed on disk and refreshed; search: median of 3 rounds per query, p50/p95 over the queries;');
  log('check 50: the first check of a 50-citation briefing after a warm start; rg -F: ripgrep for a literal phrase.');
  log('entities: `briefing entities --json` in its own process after that change, the saved index already holding');
  log('entities (warm load, extraction of what the change affects, saving the index, printing); RSS MB: its peak.');
  log('scratch: the same command the first time, the saved index holding no entities yet (every source extracted).');
  log('card 1st/next: the first entity card (builds the paragraph → entities index), then the slowest of the next 19.');
  log("RSS: the peak of each step's own process: cold build; warm start; after a warm start and a full GC (loaded,");
  log(
    'with the heap then in use); rest: a warm start, then update, search, check, extraction in that process and cards.',
  );
  log('peak_rss_mb: the highest of these and the two entities commands.');
}

/** The child's side: one step over one corpus, printed as JSON. */
export async function corpusChild(argv: string[]): Promise<void> {
  const [step, dir, cacheDir] = argv;
  if (!(step in STEPS)) throw new Error(`unknown step ${step}`);
  process.stdout.write(JSON.stringify(await STEPS[step as Step](dir, cacheDir)) + '\n');
}
