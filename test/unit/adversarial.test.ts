// The adversarial corpus: every hostile input of helpers/hostile.ts through every part that reads it, each in a
// worker with a hang budget (30 s for about a megabyte, where normal runs take well under 3 s).
import * as assert from 'assert';
import { withinBudget } from './helpers/budget';
import { BRIEFINGS, MB, SOURCE_LINES } from './helpers/hostile';

/**
 * Far above normal: these detect hangs, not speed. The slowest run, a check of a megabyte of `[@k ` (262,144 unknown
 * keys, each a diagnostic with fixes), takes about 3 s of CPU on an idle 2-core machine, and several times that when the
 * machine is busy; a quadratic or backtracking pattern over a megabyte takes minutes to hours, far past 30 s either way.
 */
const BUDGET_MS = 30_000;
/** Entities and rendering make objects per word or citation: an eighth of a megabyte tells a hang as well. */
const SIZE: Record<string, number> = { entities: MB / 8, 'markdown plugin': MB / 8 };

describe('adversarial corpus: hostile sources never hang', function () {
  this.timeout(BUDGET_MS * 2);
  for (const kind of Object.keys(SOURCE_LINES)) {
    for (const run of ['ingest', 'ingest as Markdown', 'entities', 'a quote against the source', 'closest passage']) {
      const size = SIZE[run] ?? MB;
      it(`${run}: ${kind} (${size / 1024} KB)`, async () => {
        const out = await withinBudget(BUDGET_MS, run, kind, size);
        assert.strictEqual(typeof out, 'number');
      });
    }
  }
});

describe('adversarial corpus: hostile briefings never hang', function () {
  this.timeout(BUDGET_MS * 2);
  for (const kind of Object.keys(BRIEFINGS)) {
    for (const run of ['citations', 'check', 'markdown plugin']) {
      const size = SIZE[run] ?? MB;
      it(`${run}: ${kind} (${size / 1024} KB)`, async () => {
        const out = await withinBudget(BUDGET_MS, run, kind, size);
        assert.strictEqual(typeof out, 'number');
      });
    }
  }
});
