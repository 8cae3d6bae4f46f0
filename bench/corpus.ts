// `npm run bench -- corpus`: an analyst's corpus on disk (1,000 and 10,000 article-sized sources cut from the State of
// the Union addresses), measured through the same desk the CLI opens: cold build, warm start from the cache, one
// changed source, search, a 50-citation check, entity extraction, peak RSS, and `rg -F` as the floor of a phrase search.
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
  /** `briefing entities --json` after the change, in its own process: load from the cache, extract, save, print. */
  entities_ms: number;
  /** That process's peak resident memory. */
  entities_peak_rss_mb: number | null;
  /** Its CPU time (user and system, all threads): a figure other processes on the machine disturb less. */
  entities_cpu_ms: number | null;
  /** The same extraction in the measuring process (its desk already loaded), plus saving the index. */
  entities_desk_ms: number;
  /** The first card (it builds the paragraph → entities index), then the slowest of the next 19 most mentioned. */
  card_first_ms: number;
  card_ms: number;
  peak_rss_mb: number;
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

/** Measures one corpus already on disk (run in a child process, so peak RSS is this corpus's own). */
export async function measureCorpus(dir: string, cacheDir: string): Promise<CorpusRun> {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  // The cold desk is dropped before the warm starts, so two desks are never held at once.
  const { coldMs, passagesCount, sourcesCount } = await open(dir, cacheDir).then(({ desk: d, ms }) => ({
    coldMs: ms,
    passagesCount: d.library.search.passageCount,
    sourcesCount: d.library.sources.length,
  }));
  const warmTimes: number[] = [];
  const held: BriefingDesk[] = []; // the latest warm desk only: emptied before each start
  for (let r = 0; r < 2; r++) {
    held.length = 0;
    const warm = await open(dir, cacheDir);
    warmTimes.push(warm.ms);
    held.push(warm.desk);
  }
  const desk = held[0];
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
    sources: sourcesCount,
    passages: passagesCount,
    cold_ms: round1(coldMs),
    warm_ms: round1(Math.min(...warmTimes)),
    update_one_ms: round1(updateMs),
    search_p50_ms: round1(percentile(times, 50)),
    search_p95_ms: round1(percentile(times, 95)),
    check_ms: round1(checks[0]),
    entities_ms: round1(entities.ms),
    entities_peak_rss_mb: entities.peakRssMb,
    entities_cpu_ms: entities.cpuMs,
    entities_desk_ms: round1(entitiesDeskMs),
    card_first_ms: round1(cards[0] ?? 0),
    card_ms: round1(Math.max(0, ...cards.slice(1))),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
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

function table(runs: CorpusRun[]): string {
  const head = [
    'sources',
    'passages',
    'cold ms',
    'warm ms',
    'update 1',
    'search p50',
    'p95',
    'check 50',
    'entities ms',
    'entities RSS MB',
    'card 1st/next',
    'peak RSS MB',
    'rg -F ms',
  ];
  const rows = runs.map((r) =>
    [
      r.sources,
      r.passages,
      r.cold_ms,
      r.warm_ms,
      r.update_one_ms,
      r.search_p50_ms,
      r.search_p95_ms,
      r.check_ms,
      r.entities_ms,
      r.entities_peak_rss_mb ?? '—',
      `${r.card_first_ms.toLocaleString('en-US')} / ${r.card_ms.toLocaleString('en-US')}`,
      r.peak_rss_mb,
      r.rg_phrase_ms ?? '—',
    ].map((v) => (typeof v === 'number' ? v.toLocaleString('en-US') : v)),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * `bench corpus [--sizes 1000,10000] [--json] [--keep DIR]`: writes each corpus into a temporary folder and measures
 * it in its own child process (`bench corpus-child DIR CACHE`).
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
  log(`with a title line and a date line; the same files on every run. Each size is measured in its own process.`);
  try {
    for (const n of sizes) {
      const dir = path.join(root, String(n));
      writeCorpus(dir, n);
      process.stderr.write(`  measuring ${n.toLocaleString('en-US')} sources...\n`);
      const child = spawnSync(process.execPath, [process.argv[1], 'corpus-child', dir, path.join(root, `cache-${n}`)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      });
      if (child.status !== 0) throw new Error(`the ${n}-source run failed (exit ${child.status})`);
      runs.push(JSON.parse(child.stdout) as CorpusRun);
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
  log('cold: load with an empty cache; warm: a new desk over the saved cache (best of 2); update 1: one source');
  log('changed on disk and refreshed; search: median of 3 rounds per query, p50/p95 over the queries; check 50: the');
  log('first check of a 50-citation briefing after a warm start; rg -F: ripgrep for a literal phrase over the files.');
  log('entities: `briefing entities --json` after that change, in its own process (warm load, extraction, saving the');
  log(
    'index, printing); entities RSS MB: its peak. peak RSS MB: the measuring process (cold build, warm starts, ...).',
  );
  log('card 1st/next: the first entity card (builds the paragraph → entities index), then the slowest of the next 19.');
}

/** The child's side: measure one corpus and print its run as JSON. */
export async function corpusChild(argv: string[]): Promise<void> {
  const [dir, cacheDir] = argv;
  process.stdout.write(JSON.stringify(await measureCorpus(dir, cacheDir)) + '\n');
}
