// The adversarial corpus: every hostile input of helpers/hostile.ts through every part that reads it, each in a
// worker with a hang budget (5 s for about a megabyte, where normal runs take a fraction of a second).
import * as assert from 'assert';
import { withinBudget } from './helpers/budget';
import { BRIEFINGS, MB, SOURCE_LINES } from './helpers/hostile';

/** Far above normal: these detect hangs, they do not measure speed. */
const BUDGET_MS = 5000;

describe('adversarial corpus: hostile sources never hang', function () {
  this.timeout(BUDGET_MS * 3);
  for (const kind of Object.keys(SOURCE_LINES)) {
    for (const run of ['ingest', 'ingest as Markdown', 'entities', 'a quote against the source', 'closest passage']) {
      it(`${run}: ${kind} (1 MB)`, async () => {
        const out = await withinBudget(BUDGET_MS, run, kind, MB);
        assert.strictEqual(typeof out, 'number');
      });
    }
  }
});

describe('adversarial corpus: hostile briefings never hang', function () {
  this.timeout(BUDGET_MS * 3);
  for (const kind of Object.keys(BRIEFINGS)) {
    for (const run of ['citations', 'check', 'markdown plugin']) {
      it(`${run}: ${kind} (1 MB)`, async () => {
        const out = await withinBudget(BUDGET_MS, run, kind, MB);
        assert.strictEqual(typeof out, 'number');
      });
    }
  }
});
