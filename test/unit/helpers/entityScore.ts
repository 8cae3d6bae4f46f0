// Test helper: precision and recall of entity extraction against the hand annotations in test/fixtures/entities.
import * as fs from 'fs';
import * as path from 'path';
import type { Source } from '../../../src/core/corpus';
import { EntityIndex, type Entity, type EntityType } from '../../../src/core/entities';
import { ROOT, corpusOf } from './corpus';

/** One fixture's hand annotations (`<name>.json` beside `<name>.txt`). */
export interface Annotation {
  /** Expected entities: canonical name, accepted type(s), surface forms that must cluster with it. */
  entities: Array<{ name: string; type: EntityType | EntityType[]; aliases: string[] }>;
  /** Demonym -> country it must link to. */
  demonyms: Record<string, string>;
  /** Names outside the type scheme, counted neither right nor wrong. */
  ignore: string[];
}

/** Scores over one or more fixtures. */
export interface Score {
  /** Extracted entities matching an annotation / all extracted (ignored names excluded). */
  precision: number;
  /** Annotations matched / all annotations. */
  recall: number;
  /** The same, counting a match only when the type is also right. */
  typedPrecision: number;
  typedRecall: number;
  /** Annotated aliases found among the matched entity's names / all annotated aliases. */
  aliasRecall: number;
  /** Annotated demonyms linked to the right country / all annotated demonyms. */
  demonymRecall: number;
  /** Human-readable misses and false alarms. */
  errors: string[];
  /** Raw counts. */
  counts: {
    extracted: number;
    annotated: number;
    matched: number;
    typed: number;
    aliases: number;
    aliasesFound: number;
    demonyms: number;
    demonymsFound: number;
  };
}

const DIR = (set = '') => path.join(ROOT, 'test', 'fixtures', 'entities', set);
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019]/g, "'")
    .toLowerCase();

/** Names of the annotated fixtures in `set` (`''` for the tuning set, `'heldout'` for texts never tuned on). */
export function fixtureNames(set = ''): string[] {
  return fs
    .readdirSync(DIR(set))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** The index over one fixture text, and its annotation. */
export function loadFixture(name: string, set = ''): { index: EntityIndex; annotation: Annotation; sources: Source[] } {
  const corpus = corpusOf({ [`${name}.txt`]: fs.readFileSync(path.join(DIR(set), `${name}.txt`), 'utf8') });
  const annotation = JSON.parse(fs.readFileSync(path.join(DIR(set), `${name}.json`), 'utf8')) as Annotation;
  return { index: EntityIndex.build(corpus.sources), annotation, sources: corpus.sources };
}

/** Scores the extractor on the fixtures of `set` (see `fixtureNames`). */
export function score(set = ''): Score {
  const names = fixtureNames(set);
  const c = {
    extracted: 0,
    annotated: 0,
    matched: 0,
    typed: 0,
    aliases: 0,
    aliasesFound: 0,
    demonyms: 0,
    demonymsFound: 0,
  };
  const errors: string[] = [];
  for (const name of names) {
    const { index, annotation } = loadFixture(name, set);
    const ignore = new Set(annotation.ignore.map(fold));
    const got = index.entities.filter((e) => e.mentions.length && !ignore.has(fold(e.name)));
    const used = new Set<Entity>();
    for (const a of annotation.entities) {
      c.annotated++;
      const forms = new Set([a.name, ...a.aliases].map(fold));
      const e =
        got.find((x) => !used.has(x) && fold(x.name) === fold(a.name)) ??
        got.find((x) => !used.has(x) && forms.has(fold(x.name)));
      if (!e) {
        errors.push(`${name}: missed ${a.name}`);
        continue;
      }
      used.add(e);
      c.matched++;
      const types = ([] as EntityType[]).concat(a.type);
      if (types.includes(e.type)) c.typed++;
      else errors.push(`${name}: ${a.name} typed ${e.type}, expected ${types.join('|')}`);
      const names = new Set([e.name, ...e.aliases].map(fold));
      for (const al of a.aliases) {
        c.aliases++;
        if (names.has(fold(al))) c.aliasesFound++;
        else errors.push(`${name}: ${a.name} lacks alias ${al}`);
      }
    }
    for (const e of got) if (!used.has(e)) errors.push(`${name}: spurious ${e.type} ${e.name}`);
    c.extracted += got.length;
    for (const [dem, country] of Object.entries(annotation.demonyms)) {
      c.demonyms++;
      const e = index.find(country);
      if (e?.demonymMentions?.some((m) => fold(m.text) === fold(dem))) c.demonymsFound++;
      else errors.push(`${name}: demonym ${dem} not linked to ${country}`);
    }
  }
  const r = (a: number, b: number) => (b ? a / b : 1);
  return {
    precision: r(c.matched, c.extracted),
    recall: r(c.matched, c.annotated),
    typedPrecision: r(c.typed, c.extracted),
    typedRecall: r(c.typed, c.annotated),
    aliasRecall: r(c.aliasesFound, c.aliases),
    demonymRecall: r(c.demonymsFound, c.demonyms),
    errors,
    counts: c,
  };
}
