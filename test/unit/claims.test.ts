// Claims, not only quotes: the numbers, dates and names of a cited clause must be in the cited passage.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import * as os from 'os';
import * as path from 'path';
import { EntityIndex } from '../../src/core/entities';
import { checkBriefing, type GroundingDiagnostic } from '../../src/core/grounding';
import { citationPlugin, renderStandalone } from '../../src/markdown';
import { ROOT, fixture, seedCorpus } from './helpers/corpus';

const corpus = seedCorpus();
const entities = EntityIndex.build(corpus.sources);

const FOUR = [
  "Israel has become one of India's top three arms suppliers [@india-israel-ink-2025, ¶7].",
  'The memorandum was signed in Jerusalem [@india-israel-ink-2025, ¶3].',
  'Operation Rising Lion was launched against Iraq [@israel-calls-india, ¶8].',
  'The pact follows months of tension over Chinese oil imports [@islamabad-views-us-2025, ¶11].',
];

function claims(md: string): GroundingDiagnostic[] {
  return checkBriefing(md, corpus, { entities }).filter((d) => d.code === 'claim-not-in-source');
}

/** `fact: message` for each claim warning, to compare in one go. */
function said(md: string): string[] {
  return claims(md).map((d) => `${md.slice(d.start, d.end)}: ${d.message}`);
}

function apply(md: string, fix: { start: number; end: number; newText: string }): string {
  return md.slice(0, fix.start) + fix.newText + md.slice(fix.end);
}

describe('claims: the four examples of the issue', () => {
  it('flags each missing fact on its own words, saying what the passage has instead', () => {
    assert.deepStrictEqual(FOUR.map(said), [
      ['three: three is not in ¶7.'],
      ['Jerusalem: Jerusalem is not in ¶3, which names Tel Aviv.'],
      ['Iraq: Iraq is not in ¶8, which names Iran.'],
      ['Chinese: Chinese is not in ¶11, which names Russian.'],
    ]);
    const [d] = claims(FOUR[1]);
    assert.strictEqual(d.severity, 'warning');
    assert.deepStrictEqual(d.data?.fact, { kind: 'place', text: 'Jerusalem' });
  });

  it('offers the passage’s value as the preferred fix, and applying it leaves nothing to flag', () => {
    for (const md of FOUR.slice(1)) {
      const fix = claims(md)[0].data!.fixes!.find((f) => f.preferred)!;
      assert.match(fix.title, /^Replace with “(Tel Aviv|Iran|Russian)”$/);
      assert.deepStrictEqual(said(apply(md, fix)), [], apply(md, fix));
    }
  });

  it('offers to drop a number the passage does not give', () => {
    const fix = claims(FOUR[0])[0].data!.fixes!;
    assert.deepStrictEqual(
      fix.map((f) => f.title),
      ['Remove “three”'],
    );
    assert.strictEqual(
      apply(FOUR[0], fix[0]),
      "Israel has become one of India's top arms suppliers [@india-israel-ink-2025, ¶7].",
    );
    assert.deepStrictEqual(said(apply(FOUR[0], fix[0])), []);
  });
});

describe('claims: what counts as the same fact', () => {
  const supported = [
    // number words, hyphenated forms, per cent, ordinals
    'The Pahalgam attack killed twenty-six civilians [@india-israel-strengthen, ¶2].',
    'The framework runs for ten years [@islamabad-views-us-2025, ¶7].',
    'Trump lifted tariffs on Indian goods to fifty per cent in August [@islamabad-views-us-2025, ¶12].',
    'The attack of 22 April struck Pahalgam [@india-israel-strengthen, ¶1].',
    // date ranges in either order
    'Baram was in New Delhi from 22 to 23 July [@israel-calls-india, ¶4].',
    'Baram was in New Delhi on 22-23 July [@israel-calls-india, ¶4].',
    // aliases from the entity index, demonyms, capitals used for their country, possessives, curly apostrophes
    'Pete Hegseth wrote it after the signing [@islamabad-views-us-2025, ¶3].',
    'The Memorandum of Understanding was signed in Tel Aviv [@india-israel-ink-2025, ¶3].',
    'Israeli drones are part of India’s arsenal [@india-israel-strengthen, ¶4].',
    'Pakistan has close ties with Beijing and Ankara [@india-israel-ink-2025, ¶9].',
    'Hegseth’s counterpart was Rajnath Singh [@islamabad-views-us-2025, ¶3].',
    'the JWG last met in India in July 2024 [@israel-calls-india, ¶12].',
  ];
  for (const md of supported) {
    it(`passes: ${md}`, () => assert.deepStrictEqual(said(md), []));
  }

  it('tells the two Singhs apart', () => {
    assert.deepStrictEqual(said('Hegseth signed with Rajesh Kumar Singh [@islamabad-views-us-2025, ¶3].'), [
      'Rajesh Kumar Singh: Rajesh Kumar Singh is not in ¶3, which names Rajnath Singh.',
    ]);
  });

  it('flags changed numbers, days, months and years with what the passage has', () => {
    assert.deepStrictEqual(said('The attack killed thirty-six civilians [@india-israel-strengthen, ¶2].'), [
      'thirty-six: thirty-six is not in ¶2, which has 26.',
    ]);
    assert.deepStrictEqual(said('Baram was in New Delhi on July 24-25 [@israel-calls-india, ¶4].'), [
      '24-25: 24-25 is not in ¶4, which has 22-23.',
    ]);
    assert.deepStrictEqual(said('In July, Trump raised tariffs on Indian goods [@islamabad-views-us-2025, ¶12].'), [
      'July: July is not in ¶12, which names August.',
    ]);
    assert.deepStrictEqual(said('The last meeting was held in India in July 2023 [@israel-calls-india, ¶12].'), [
      '2023: 2023 is not in ¶12, which has 2024.',
    ]);
  });

  it('checks an organisation named in generic words only against the organisations the passage names', () => {
    assert.deepStrictEqual(
      said("Pakistan's Interior Ministry is monitoring the situation [@islamabad-views-us-2025, ¶9]."),
      ['Interior Ministry: Interior Ministry is not in ¶9, which names Foreign Office.'],
    );
    assert.deepStrictEqual(said("Israel's Ministry of Defence now calls India an ally [@israel-calls-india, ¶6]."), []);
  });

  it('moves the locator when another paragraph of the source has the fact', () => {
    const md = 'Hegseth announced the framework [@islamabad-views-us-2025, ¶1].';
    const [d] = claims(md);
    assert.strictEqual(d.message, 'Hegseth is not in ¶1.');
    const move = d.data!.fixes!.find((f) => f.title === 'Cite ¶2 instead')!;
    assert.ok(move, JSON.stringify(d.data!.fixes));
    assert.strictEqual(apply(md, move), 'Hegseth announced the framework [@islamabad-views-us-2025, ¶2].');
    assert.deepStrictEqual(said(apply(md, move)), []);
  });
});

describe('claims: the analyst’s own framing', () => {
  it('leaves sentence-initial words and the paragraph’s established names alone', () => {
    assert.deepStrictEqual(
      said('Analysts see a shift. Observers in Islamabad note the MoU [@india-israel-ink-2025, ¶8].'),
      [],
    );
    assert.deepStrictEqual(
      said('Islamabad’s reaction was calm: Pakistan sees no direct threat [@india-israel-advancing, ¶4].'),
      [],
    );
    const md =
      'Hegseth signed in Kuala Lumpur [@islamabad-views-us-2025, ¶3]. Hegseth called the pact ambitious [@islamabad-views-us-2025, ¶7].';
    assert.deepStrictEqual(said(md), []);
  });

  it('does not check words inside quotation marks (the quote check does) or the clause of another citation', () => {
    const md =
      'Khan said “We are not anxious” [@india-israel-advancing, ¶3], and Hegseth signed in Kuala Lumpur [@islamabad-views-us-2025, ¶3].';
    assert.deepStrictEqual(said(md), []);
  });

  it('gives no claim warning on the demo briefing or the end-to-end and grounding fixtures', () => {
    const files = [
      path.join(ROOT, 'demo', 'briefings', 'sample.md'),
      ...['sample.md', 'harbour.md'].map((f) => path.join(ROOT, 'test', 'fixtures', 'workspace', 'briefings', f)),
      ...['one-real-one-altered.md', 'real-quotes.md'].map((f) => path.join(ROOT, 'test', 'fixtures', 'grounding', f)),
      path.join(ROOT, 'test', 'fixtures', 'briefings', 'one-real-one-altered.md'),
    ];
    for (const f of files) assert.deepStrictEqual(said(fs.readFileSync(f, 'utf8')), [], f);
  });

  it('is off with claims: false', () => {
    assert.deepStrictEqual(checkBriefing(FOUR[1], corpus, { entities, claims: false }), []);
  });

  it('works without an entity index, matching names as words', () => {
    const ds = checkBriefing(FOUR[1], corpus).filter((d) => d.code === 'claim-not-in-source');
    assert.deepStrictEqual(
      ds.map((d) => d.message),
      ['Jerusalem is not in ¶3, which names Tel Aviv.'],
    );
    assert.deepStrictEqual(
      checkBriefing(fixture('grounding', 'real-quotes.md'), corpus).filter((d) => d.code === 'claim-not-in-source'),
      [],
    );
  });
});

describe('claims: the README’s grounding section', () => {
  it('gives exactly the message it shows for each example', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Grounding: what is checked'), readme.indexOf('## Sources'));
    const examples = [...section.matchAll(/\| `([^`]*\[@[^`]*)` → \*([^*]*)\* \|/g)];
    assert.strictEqual(examples.length, 5);
    for (const [, md, message] of examples)
      assert.deepStrictEqual(
        claims(md).map((d) => d.message),
        [message],
        md,
      );
  });
});

describe('claims: in the CLI, the export and the preview', () => {
  const CLI = path.join(ROOT, 'dist', 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-claims-'));
  const file = path.join(dir, 'four.md');
  fs.writeFileSync(file, `# Four claims\n\n${FOUR.join('\n\n')}\n`);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('briefing check prints the four warnings and exits 0; --strict exits 1', () => {
    const r = run('check', file);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepStrictEqual(
      lines.slice(0, 4).map((l) => l.replace(/^\S+:(\d+):(\d+)\s+/, '$1:$2 ')),
      [
        '3:38 warning     three is not in ¶7.  claim-not-in-source',
        '5:30 warning     Jerusalem is not in ¶3, which names Tel Aviv.  claim-not-in-source',
        '7:44 warning     Iraq is not in ¶8, which names Iran.  claim-not-in-source',
        '9:41 warning     Chinese is not in ¶11, which names Russian.  claim-not-in-source',
      ],
    );
    assert.strictEqual(lines[4], '0 errors, 4 warnings');
    assert.strictEqual(run('check', file, '--strict').status, 1);
  });

  it('briefing check --json gives the warnings with their fixes', () => {
    const { diagnostics } = JSON.parse(run('check', file, '--json').stdout);
    const jerusalem = diagnostics.find((d: { message: string }) => d.message.startsWith('Jerusalem'));
    assert.deepStrictEqual(jerusalem, {
      line: 5,
      column: 30,
      endLine: 5,
      endColumn: 39,
      severity: 'warning',
      code: 'claim-not-in-source',
      message: 'Jerusalem is not in ¶3, which names Tel Aviv.',
      fixes: [{ title: 'Replace with “Tel Aviv”', newText: 'Tel Aviv' }],
    });
  });

  it('the export’s grounding summary lists the facts not in the cited passages', () => {
    const { html } = renderStandalone(FOUR.join('\n\n'), { corpus, entities, css: '', js: '' });
    assert.match(html, /<p>4 citations of 3 sources; 4 facts not in the cited passages\.<\/p>/);
    assert.match(
      html,
      /<li>Line 3: Jerusalem is not in ¶3, which names Tel Aviv\. <code>claim-not-in-source<\/code><\/li>/,
    );
  });

  it('the preview lists them after the Sources when the host checks', () => {
    const md = new MarkdownIt().use(citationPlugin, {
      resolve: (key) => corpus.get(key),
      check: (text) => checkBriefing(text, corpus, { entities }),
    });
    const html = md.render(FOUR[2]);
    assert.match(html, /<section id="bd-grounding" class="bd-summary">\n<h2>Grounding<\/h2>/);
    assert.match(
      html,
      /<li class="bd-summary-warning">Line 1: Iraq is not in ¶8, which names Iran\. <code>claim-not-in-source<\/code><\/li>/,
    );
    assert.doesNotMatch(
      new MarkdownIt().use(citationPlugin, { resolve: (key) => corpus.get(key) }).render(FOUR[2]),
      /bd-grounding/,
    );
  });
});
