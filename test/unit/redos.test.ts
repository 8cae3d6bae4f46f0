// The ReDoS guard: every regular expression in src/ is checked with recheck, which finds exponential and polynomial
// backtracking by analysing the pattern (automaton) or, when it cannot, by fuzzing it with attack strings.
import * as assert from 'assert';
import * as path from 'path';
import { checkSync } from 'recheck';
import { builtRegexes, literalsAndSites, type FoundRegex } from './helpers/regexCensus';
import { ROOT } from './helpers/corpus';

/**
 * Patterns recheck calls super-linear that only ever see short or trusted text. Each entry names the file and the
 * pattern, and says why its input is bounded; anything else recheck flags fails the test.
 */
const BOUNDED: Record<string, string> = {
  'src/core/corpus/dates.ts /[a-z]{2,}\\s+[a-z]{2,}\\s+[a-z]{2,}/i': 'isDateLine: only lines of at most 48 characters',
  'src/core/corpus/dates.ts /(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?/gi':
    'isDateLine: only lines of at most 48 characters',
  "src/core/corpus/ingest.ts /^\\s*([\\p{Lu}][\\p{L}.'’-]*(?:[ \\u00a0][\\p{Lu}][\\p{L}.'’-]*){0,2})[ \\u00a0]*(?:\\(([^)]{0,60})\\))?[ \\u00a0]*[:\\u2014\\u2013][ \\u00a0]/u":
    'readDateline: the first 160 characters of a paragraph',
  'src/core/entities/describe.ts /^\\)?,\\s+((?:a|an|the|former|then|now)\\b[^,;.()“”"]{3,220}|[^,;.()“”"]{3,220})(?=,|\\.(?:\\s|$)|;)/u':
    'after(): 240 characters after a name',
  'src/core/entities/describe.ts /(?:^|[.;:]\\s+|,\\s+)([^,.;:()]{3,100}),\\s*$/u':
    'before(): 120 characters before a name',
  'src/core/entities/describe.ts /\\n\\s*$/': 'defining(): the 3 characters before a name',
  "src/core/entities/gazetteer.ts /\\bof (?:the )?([A-Z][\\p{L}' -]+)$/u":
    'country names from world-countries, not user text',
  'src/core/corpus/keys.ts /[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_]|[:.#$%&\\-+?<>~/](?=[\\p{L}\\p{N}_]))*/u':
    'KEY_PATTERN is only used sticky (parse.ts, one try per @) or anchored (isValidKey); alone it models a search',
  'src/core/corpus/load.ts /[?#].*$/': 'readSource: a source URI (a file path or URL), not its text',
  'src/core/formats/build.ts /[?#].*$/': 'a source URI (a file path or URL), not its text',
  'src/core/formats/html.ts /<meta[^>]{0,200}?charset\\s*=\\s*["\']?\\s*([\\w-]{1,40})/i':
    'decode(): the first 2,048 bytes of a page',
  'src/core/formats/save.ts /[?#].*$/': 'a file name or URL, not its text',
  'src/core/grounding/claims/places.ts /,?\\s*D\\.?\\s?C\\.?$/': 'capital names from world-countries, not user text',
  'src/core/grounding/diagnostic.ts /[\\s,;:.-]+$/': 'shortQuote(): at most 80 characters',
  'src/core/features/completion.ts /(?:\\[(?:[^\\]@\\n]*?\\s)?-?|;\\s*-?)@([\\p{L}\\p{N}_:.#$%&\\-+?<>~/]*)$/u':
    'completion: the last 300 characters before the cursor',
  'src/core/features/completion.ts /@([\\p{L}\\p{N}_][\\p{L}\\p{N}_:.#$%&\\-+?<>~/]*?),\\s*¶¶?\\s*(\\d*)$/u':
    'completion: the last 300 characters before the cursor',
  'src/node/workerStore.ts /^(?:[/\\\\]|[^/\\\\]+[/\\\\])*?node_modules(?:[/\\\\]|[^/\\\\]+[/\\\\]|[/\\\\][^/\\\\]+)*?$/':
    'a path relative to a workspace folder: at most the system path limit (4,096 bytes on Linux)',
};

/** Built patterns the census workload does not reach (async extraction of binary formats), as they are built. */
const UNREACHED: FoundRegex[] = [];

const id = (r: FoundRegex) => `${r.file} /${r.source}/${r.flags}`;

describe('ReDoS guard: every regular expression in src/', function () {
  this.timeout(600_000);
  let all: FoundRegex[] = [];

  before(async () => {
    const { literals, sites } = literalsAndSites(ROOT);
    const built = [...(await builtRegexes(path.join(ROOT, 'out'), ROOT)), ...UNREACHED];
    for (const file of new Set(sites.map((s) => s.file))) {
      const written = sites.filter((s) => s.file === file).length;
      const caught = new Set(built.filter((b) => b.file === file).map((b) => b.line)).size;
      assert.ok(
        caught >= written,
        `${file} has ${written} RegExp(…) calls but the census built ${caught}: extend its workload`,
      );
    }
    const seen = new Set<string>();
    all = [...literals, ...built].filter((r) => !seen.has(id(r)) && seen.add(id(r)));
  });

  it('finds the literals and every built pattern', () => {
    assert.ok(all.length > 200, `only ${all.length} patterns found`);
    assert.ok(
      all.some((r) => r.built && r.file === 'src/core/citations/locator.ts'),
      'the locator patterns are built at load',
    );
  });

  it('recheck finds no exponential or polynomial backtracking outside the bounded list', () => {
    const problems: string[] = [];
    for (const r of all) {
      // Bounded ones are known to be flagged; fuzzing them again would only take time.
      if (BOUNDED[id(r)]) continue;
      // Fuzzing has wall-clock limits, so on a loaded machine a verdict can flip: a finding must hold twice, and a
      // pattern the checker could not finish (status unknown) is listed on the console, not failed.
      const check = () => checkSync(r.source, r.flags.replace(/[gy]/g, ''));
      let result = check();
      if (result.status === 'vulnerable') result = check();
      if (result.status === 'safe') continue;
      if (result.status === 'unknown') {
        console.warn(`      recheck could not finish ${r.file}:${r.line} /${r.source}/ (${result.error.kind})`);
        continue;
      }
      problems.push(
        `${r.file}:${r.line} /${r.source}/${r.flags}: ${result.complexity.type}, attack ${result.attack.pattern}`,
      );
    }
    assert.deepStrictEqual(problems, [], problems.join('\n'));
    const present = new Set(all.map(id));
    const stale = Object.keys(BOUNDED).filter((k) => !present.has(k));
    assert.deepStrictEqual(stale, [], 'entries of BOUNDED whose pattern is gone: remove them');
  });
});
