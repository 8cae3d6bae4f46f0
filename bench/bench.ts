// `npm run bench`: our search engine against plain fuse.js over State of the Union passages.
import * as fs from 'fs';
import Fuse from 'fuse.js';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Source } from '../src/core/corpus/types';
import { claimBench } from './claims';
import { SearchIndex } from '../src/core/search';
import { corpusBench, corpusChild, writeCorpus } from './corpus';
import { QUERIES, type BenchQuery } from './queries';
import { relevance, relevanceByKind, relevanceTable, type RelevanceRun } from './relevance';
import { loadSpeeches, sample, windowPass, windows } from './sotu';

/** One measured engine at one corpus size (the `--json` shape). */
interface Run {
  /** Which engine: ours, or plain fuse.js over every passage. */
  engine: 'briefing' | 'fuse';
  /** Passages in the corpus. */
  passages: number;
  /** Time to build the index. */
  build_ms: number;
  /** Median time of one query. */
  p50_ms: number;
  /** 95th percentile time of one query. */
  p95_ms: number;
  /**
   * 95th percentile of the process's CPU time per query (user + system): what the query costs when this shared
   * machine does not take the core away mid-query, which wall-clock time cannot tell apart from a slow query.
   */
  p95_cpu_ms: number;
  /** Share of misspelled queries whose intended word appears in a top-5 passage. */
  typo_recall: number;
}

/** A search function returning the texts of the top passages. */
type Searcher = (q: string) => string[];

const json = process.argv.includes('--json');
const ROUNDS = 5; // timed rounds of every query for our engine (after two warm-up rounds)
const FUSE_QUERIES_10K = 20; // plain fuse.js takes about a second a query at 10k passages
const log = (s = '') => {
  if (!json) process.stdout.write(s + '\n');
  else process.stderr.write(s + '\n');
};

const round2 = (x: number) => Math.round(x * 100) / 100;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function containsWord(text: string, word: string): boolean {
  return new RegExp(`\\b${word}\\b`, 'i').test(text.normalize('NFKD'));
}

/** Times every query `rounds` times; a query's time is the median of its rounds (so a stall of this shared
 * machine in one round does not count), and p50/p95 are taken over queries. */
function measure(
  engine: Run['engine'],
  passages: number,
  build: number,
  search: Searcher,
  queries: BenchQuery[],
  rounds: number,
  slowest?: string[],
): Run {
  const perQuery: number[][] = queries.map(() => []);
  const perQueryCpu: number[][] = queries.map(() => []);
  let found = 0;
  let typos = 0;
  for (let r = 0; r < rounds; r++) {
    queries.forEach((q, i) => {
      const c0 = cpuMs();
      const t0 = performance.now();
      const top = search(q.q);
      perQuery[i].push(performance.now() - t0);
      perQueryCpu[i].push(cpuMs() - c0);
      if (r === 0 && q.intended) {
        typos++;
        if (top.slice(0, 5).some((t) => containsWord(t, q.intended!))) found++;
      }
    });
  }
  const median = (ts: number[]) => [...ts].sort((a, b) => a - b)[Math.floor(ts.length / 2)];
  const times = perQuery.map(median).sort((a, b) => a - b);
  const cpu = perQueryCpu.map(median).sort((a, b) => a - b);
  if (slowest)
    slowest.push(
      ...queries
        .map((q, i) => ({ q: q.q, wall: median(perQuery[i]), cpu: median(perQueryCpu[i]) }))
        .sort((a, b) => b.wall - a.wall)
        .slice(0, 5)
        .map((x) => `${x.wall.toFixed(2)} ms (cpu ${x.cpu.toFixed(2)})  ${x.q}`),
    );
  return {
    engine,
    passages,
    build_ms: round2(build),
    p50_ms: round2(percentile(times, 50)),
    p95_ms: round2(percentile(times, 95)),
    p95_cpu_ms: round2(percentile(cpu, 95)),
    typo_recall: round2(typos ? found / typos : 0),
  };
}

/** CPU time this process has used so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The machine's load average over 1, 5 and 15 minutes (2 cores here: above 2, queries wait for a core). */
function load(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function briefing(sources: Source[], passages: number, slowest?: string[]): Run {
  const t0 = performance.now();
  const index = new SearchIndex();
  for (const s of sources) index.addSource(s);
  const build = performance.now() - t0;
  const search: Searcher = (q) => index.search(q, { limit: 20 }).map((h) => h.text);
  for (let r = 0; r < 2; r++) for (const q of QUERIES) search(q.q); // warm-up: JIT, cached fuse records
  return measure('briefing', passages, build, search, QUERIES, ROUNDS, slowest);
}

function plainFuse(sources: Source[], passages: number, queries: BenchQuery[]): Run {
  const docs = sources.flatMap((s) => s.paragraphs.map((p) => ({ title: s.title, text: p.text })));
  const t0 = performance.now();
  const fuse = new Fuse(docs, { keys: ['title', 'text'], ignoreLocation: true, includeMatches: true, threshold: 0.35 });
  const build = performance.now() - t0;
  const search: Searcher = (q) => fuse.search(q, { limit: 20 }).map((r) => r.item.text);
  return measure('fuse', passages, build, search, queries, 1);
}

/** Every misspelling, then other queries spread over the list, `max` in all. */
function capped(max: number): BenchQuery[] {
  const typos = QUERIES.filter((q) => q.kind === 'typo');
  const others = QUERIES.filter((q) => q.kind !== 'typo');
  const room = Math.max(0, max - typos.length);
  const step = others.length / Math.max(1, room);
  const picked = Array.from({ length: Math.min(room, others.length) }, (_, i) => others[Math.floor(i * step)]);
  return [...picked, ...typos];
}

function count(sources: Source[]): number {
  return sources.reduce((n, s) => n + s.paragraphs.length, 0);
}

function table(runs: Run[]): string {
  const head = ['engine', 'passages', 'build ms', 'p50 ms', 'p95 ms', 'p95 cpu ms', 'typo recall'];
  const rows = runs.map((r) => [
    r.engine,
    r.passages.toLocaleString('en-US'),
    r.build_ms.toFixed(0),
    r.p50_ms.toFixed(2),
    r.p95_ms.toFixed(2),
    r.p95_cpu_ms.toFixed(2),
    r.typo_recall.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The claim check on bench/claims.json: figures on the held-out claims (the goal), the tuning claims and all. */
function claims(): ReturnType<typeof claimBench> {
  let root = __dirname;
  while (!fs.existsSync(path.join(root, 'bench', 'claims.json'))) root = path.dirname(root);
  const r = claimBench(root);
  const f = (x: { claims: number; precision: number; recall: number }) =>
    `${x.claims} claims, precision ${x.precision.toFixed(2)}, recall ${x.recall.toFixed(2)}`;
  log(
    `Claim check (claim-not-in-source) on bench/claims.json: held out ${f(r.heldout)}; tuning ${f(r.tuning)}; all ${f(r.all)}.`,
  );
  const shown = process.argv.includes('--show-heldout') ? r.misses : r.misses.filter((m) => m.split !== 'heldout');
  for (const m of shown)
    log(`  ${m.id} ${m.kind}: ${m.claim}${m.warnings.length ? `\n      ${m.warnings.join('\n      ')}` : ''}`);
  return r;
}

function main(): void {
  // `--relevance-heldout`: every part of the question sets, held-out-2 per kind of question, and (with
  // `--show-heldout`) the held-out questions whose first result is wrong. For the report at the end, not for tuning.
  if (process.argv.includes('--relevance-heldout')) {
    const misses: string[] = [];
    const runs = relevance(['tuning', 'heldout', 'heldout2', 'all'], misses, process.argv.includes('--show-heldout'));
    log(misses.join('\n'));
    log(relevanceTable(runs));
    log();
    log('held-out-2 per kind of question:');
    const kinds = relevanceByKind();
    log(relevanceTable(kinds.map((k) => ({ ...k, set: `heldout2 ${k.kind}` }))));
    return;
  }
  // `--relevance`: only the question set's tuning part, with the questions whose first result is wrong.
  if (process.argv.includes('--relevance')) {
    const misses: string[] = [];
    const runs = relevance(['tuning'], misses);
    log(misses.filter((m) => m.startsWith('briefing')).join('\n'));
    log(relevanceTable(runs));
    return;
  }
  if (process.argv.includes('--claims')) {
    const r = claims();
    if (json)
      process.stdout.write(
        JSON.stringify({ claims: { ...r.heldout, split: 'heldout', tuning: r.tuning, all: r.all } }) + '\n',
      );
    return;
  }
  // `--speed`: only our engine's speed (no claims, no fuse.js, no relevance), with the slowest queries at 100k.
  const speedOnly = process.argv.includes('--speed');
  const claimFigures = speedOnly ? undefined : claims();
  log();
  const loadBefore = load();
  log(`Load average before (1, 5, 15 min; this machine has ${os.cpus().length} cores): ${loadBefore}`);
  const speeches = loadSpeeches();
  const base = windowPass(speeches, 0);
  const baseCount = count(base);
  const small = sample(base, 1_000);
  const medium = sample(base, 10_000);
  const large = windows(speeches, 100_000);
  log(
    `State of the Union: ${speeches.length} addresses cut into ${baseCount.toLocaleString('en-US')} passages of 350-900 characters.`,
  );
  log(
    `1,000 and 10,000 passages: evenly spread samples of those. 100,000 passages: the same text cut ${large.passes} times`,
  );
  log(`with shifted sentence windows (extra windows over the same addresses; the last pass cut short).`);
  log(
    `${QUERIES.length} queries (${QUERIES.filter((q) => q.kind === 'typo').length} misspellings); our engine: 2 warm-up + ${ROUNDS} timed rounds, a query's time`,
  );
  log(`being the median of its rounds; p50/p95 are over queries (p95 cpu: the same over CPU time).`);
  if (!speedOnly)
    log(
      `plain fuse.js (title+text, ignoreLocation, includeMatches, threshold 0.35): 1 round, all queries at 1,000, ${FUSE_QUERIES_10K} at 10,000 (every misspelling).`,
    );
  log();
  const runs: Run[] = [];
  const step = (name: string, f: () => Run) => {
    if (!json) process.stderr.write(`  measuring ${name}...\n`);
    runs.push(f());
  };
  const slowest: string[] = [];
  step('briefing 1k', () => briefing(small, count(small)));
  if (!speedOnly) step('fuse 1k', () => plainFuse(small, count(small), QUERIES));
  step('briefing 10k', () => briefing(medium, count(medium)));
  if (!speedOnly) step('fuse 10k', () => plainFuse(medium, count(medium), capped(FUSE_QUERIES_10K)));
  step('briefing 100k', () => briefing(large.sources, count(large.sources), slowest));
  const loadAfter = load();
  if (speedOnly) {
    if (json) process.stdout.write(JSON.stringify({ runs, load: { before: loadBefore, after: loadAfter } }) + '\n');
    log(table(runs));
    log(`\nSlowest queries at 100,000 passages (median of rounds):\n  ${slowest.join('\n  ')}`);
    log(`Load average after: ${loadAfter}`);
    return;
  }
  if (!json) process.stderr.write('  measuring relevance...\n');
  const rel: RelevanceRun[] = relevance(['tuning', 'heldout', 'heldout2', 'all']);
  if (json) {
    const c = claimFigures!;
    const claims = { ...c.heldout, split: 'heldout', tuning: c.tuning, all: c.all };
    process.stdout.write(
      JSON.stringify({ runs, relevance: rel, claims, load: { before: loadBefore, after: loadAfter } }) + '\n',
    );
    return;
  }
  log(table(runs));
  log(`Load average after the speed runs: ${loadAfter}`);
  log();
  log(
    `Relevance: ${rel.find((r) => r.set === 'all')!.questions} analyst questions (bench/questions.json: tuning + heldout; bench/questions-tuning2.json: tuning;`,
  );
  log('bench/questions-heldout2.json: heldout2, written later and held out whole) over the seeds and SOTU 1941/2002;');
  log('a hit is a passage marked relevant. MiniSearch: BM25 over title and text, exact terms (its defaults).');
  log(relevanceTable(rel));
  for (const [label, sources] of [
    ['1,000', small],
    ['10,000', medium],
  ] as const) {
    const absent = QUERIES.filter(
      (q) => q.intended && !sources.some((s) => s.paragraphs.some((p) => containsWord(p.text, q.intended!))),
    );
    if (absent.length)
      log(
        `At ${label} passages ${absent.map((q) => `"${q.intended}"`).join(', ')} occur in no passage text, so no engine can find them there.`,
      );
  }
  const f10 = runs.find((r) => r.engine === 'fuse' && r.passages === count(medium));
  const b10 = runs.find((r) => r.engine === 'briefing' && r.passages === count(medium));
  if (f10 && b10)
    log(
      `\nAt 10,000 passages our p95 is ${(f10.p95_ms / Math.max(b10.p95_ms, 0.01)).toFixed(0)}x lower than plain fuse.js.`,
    );
}

const mode = process.argv[2];
if (mode === 'corpus') void corpusBench(process.argv.slice(3)).catch(fail);
else if (mode === 'corpus-write') writeCorpus(process.argv[3], Number(process.argv[4]));
else if (mode === 'corpus-child') void corpusChild(process.argv.slice(3)).catch(fail);
else main();

function fail(e: unknown): void {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
