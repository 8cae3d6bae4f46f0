// The claim check on an annotated claim set over the bundled seeds (bench/claims.json): precision and recall.
// A claim is flagged when the check gives it at least one `claim-not-in-source`; a flag is right only on an altered
// claim and only on the altered fact (a warning anywhere else in it counts as a false alarm).
import * as fs from 'fs';
import * as path from 'path';
import { EntityIndex } from '../src/core/entities';
import { checkBriefing } from '../src/core/grounding';
import { seedCorpus } from '../test/unit/helpers/corpus';

/** One annotated claim. */
interface Claim {
  id: string;
  claim: string;
  /** The altered fact, as written in the claim; absent for supported claims. */
  altered?: string;
  split: 'tuning' | 'heldout';
}

/** Precision and recall over some claims. */
export interface ClaimFigures {
  claims: number;
  precision: number;
  recall: number;
}

/** What went wrong on one claim, for the report. */
interface Miss {
  id: string;
  split: Claim['split'];
  kind: 'false alarm' | 'missed';
  claim: string;
  warnings: string[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function figures(rows: Array<{ c: Claim; right: boolean; wrong: boolean }>): ClaimFigures {
  const altered = rows.filter((r) => r.c.altered).length;
  const tp = rows.filter((r) => r.right).length;
  const flagged = rows.filter((r) => r.right || r.wrong).length;
  return {
    claims: rows.length,
    precision: round3(flagged ? tp / flagged : 1),
    recall: round3(altered ? tp / altered : 1),
  };
}

/** Runs the check on every claim; figures for the held-out part, the tuning part and all. */
export function claimBench(root: string): {
  heldout: ClaimFigures;
  tuning: ClaimFigures;
  all: ClaimFigures;
  misses: Miss[];
} {
  const { claims } = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'claims.json'), 'utf8')) as {
    claims: Claim[];
  };
  const corpus = seedCorpus();
  const entities = EntityIndex.build(corpus.sources);
  const misses: Miss[] = [];
  const rows = claims.map((c) => {
    const found = checkBriefing(c.claim, corpus, { entities }).filter((d) => d.code === 'claim-not-in-source');
    const at = c.altered ? c.claim.indexOf(c.altered) : -1;
    const onAltered = (d: { start: number; end: number }) => at >= 0 && d.start < at + c.altered!.length && at < d.end;
    const right = found.some(onAltered);
    const wrong = found.some((d) => !onAltered(d));
    if (wrong || (c.altered && !right)) {
      misses.push({
        id: c.id,
        split: c.split,
        kind: wrong ? 'false alarm' : 'missed',
        claim: c.claim,
        warnings: found.map((d) => d.message),
      });
    }
    return { c, right: right && !wrong, wrong };
  });
  return {
    heldout: figures(rows.filter((r) => r.c.split === 'heldout')),
    tuning: figures(rows.filter((r) => r.c.split === 'tuning')),
    all: figures(rows),
    misses,
  };
}
