// Every regular expression in src/: the literals, read from the syntax tree, and the `new RegExp(...)` ones, caught as
// they are built (in a worker, whose RegExp is wrapped before the modules load) while a small workload runs.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { isMainThread, parentPort, Worker } from 'worker_threads';

/** A regular expression of src/ and where it is written. */
export interface FoundRegex {
  /** Path relative to the repository root, `src/core/…/x.ts`. */
  file: string;
  /** 1-based line (of the literal, or of the `new RegExp` call site for literals; 0 for built ones). */
  line: number;
  source: string;
  flags: string;
  built: boolean;
}

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Regex literals and `RegExp(…)` call sites in the TypeScript files under `root/src`. */
export function literalsAndSites(root: string): {
  literals: FoundRegex[];
  sites: Array<{ file: string; line: number }>;
} {
  const literals: FoundRegex[] = [];
  const sites: Array<{ file: string; line: number }> = [];
  for (const abs of tsFiles(path.join(root, 'src'))) {
    const file = path.relative(root, abs).split(path.sep).join('/');
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        literals.push({
          file,
          line: lineOf(n),
          source: text.slice(1, slash),
          flags: text.slice(slash + 1),
          built: false,
        });
      } else if (
        (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text === 'RegExp'
      ) {
        sites.push({ file, line: lineOf(n) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, sites };
}

/** Runs in the worker: wraps RegExp, loads the compiled core and markdown modules, runs a workload, reports. */
function census(outRoot: string, repoRoot: string): void {
  const built = new Map<string, FoundRegex>();
  const Original = RegExp;
  const record = (args: unknown[]) => {
    const re = new Original(args[0] as string, args[1] as string | undefined);
    // The caller is the first frame outside this file; patterns built by libraries (markdown-it's) are not ours.
    const frame = (new Error().stack ?? '')
      .split('\n')
      .slice(1)
      .find((l) => !l.includes('regexCensus'));
    if (!frame?.includes(`${path.sep}out${path.sep}src${path.sep}`)) return re;
    const m = /\((.*):(\d+):\d+\)$|at (.*):(\d+):\d+$/.exec(frame.trim());
    const js = m ? (m[1] ?? m[3]) : '';
    const file = js ? path.relative(outRoot, js).split(path.sep).join('/').replace(/\.js$/, '.ts') : '?';
    const line = m ? Number(m[2] ?? m[4]) : 0;
    built.set(`${file}:${line}:${re.source}/${re.flags}`, {
      file,
      line,
      source: re.source,
      flags: re.flags,
      built: true,
    });
    return re;
  };
  globalThis.RegExp = new Proxy(Original, {
    construct: (_t, args) => record(args),
    apply: (_t, _this, args) => record(args),
  });

  const corpusMod = require(path.join(outRoot, 'src/core/corpus')) as typeof import('../../../src/core/corpus');
  const grounding = require(path.join(outRoot, 'src/core/grounding')) as typeof import('../../../src/core/grounding');
  const entities = require(path.join(outRoot, 'src/core/entities')) as typeof import('../../../src/core/entities');
  const markdown = require(path.join(outRoot, 'src/markdown')) as Record<string, unknown>;
  require(path.join(outRoot, 'src/core/search'));
  require(path.join(outRoot, 'src/cli/output'));
  void markdown;
  const seeds = path.join(repoRoot, 'seeds');
  const corpus = new corpusMod.Corpus();
  corpus.set([
    ...fs
      .readdirSync(seeds)
      .sort()
      .map((f) => corpusMod.parseSource(`seeds/${f}`, fs.readFileSync(path.join(seeds, f), 'utf8'))),
    corpusMod.parseSource('k.md', '---\nkey: chosen-key\n---\n# T\n\nSaturday, November 1, 2025\n\nISLAMABAD: Body.\n'),
  ]);
  const key = corpus.sources[0].key;
  grounding.checkBriefing(
    `# B\n\n\`\`\`\ncode\n\`\`\`\n\nIt said “a b c” [@${key}, ¶1; @${key}, p. 3; @${key}, 2].\n`,
    corpus,
  );
  entities.EntityIndex.build(corpus.sources);
  // The index worker's listing: the default source glob and the excludes every listing has.
  const listing = require(path.join(outRoot, 'src/node/workerStore')) as typeof import('../../../src/node/workerStore');
  for (const glob of ['sources/**/*.{md,txt,html,htm,pdf,docx}', '**/node_modules/**', '**/.git']) {
    listing.globMatcher(glob)('sources/a.md');
  }
  globalThis.RegExp = Original;
  parentPort!.postMessage([...built.values()]);
}

/** The regular expressions built with `RegExp(…)` while the core runs, each with the file and line that built it. */
export function builtRegexes(outRoot: string, repoRoot: string): Promise<FoundRegex[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { outRoot, repoRoot } });
    w.once('message', (m: FoundRegex[]) => resolve(m));
    w.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const { workerData } = require('worker_threads') as typeof import('worker_threads');
  census(workerData.outRoot, workerData.repoRoot);
}
