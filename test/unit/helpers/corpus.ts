// Test helpers: corpora built from the bundled seeds or from inline texts.
import * as fs from 'fs';
import * as path from 'path';
import { Corpus, parseSource } from '../../../src/core/corpus';

/** Root of the repository (tests run from out/test/unit or test/unit). */
export const ROOT = (() => {
  for (let d = __dirname; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'seeds'))) return d;
    // At the file system's root: a copy of the bundle outside a checkout (the bench from a copied dist/) ends here.
    if (path.dirname(d) === d)
      throw new Error(`no Briefing Desk checkout (package.json and seeds/) above ${__dirname}`);
  }
})();

/** The bundled seeds as a corpus, keyed as the CLI keys them. */
export function seedCorpus(): Corpus {
  const dir = path.join(ROOT, 'seeds');
  const corpus = new Corpus();
  corpus.set(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => parseSource(path.join('seeds', f), fs.readFileSync(path.join(dir, f), 'utf8'))),
    true,
  );
  return corpus;
}

/** A corpus of inline texts: `{ 'a.md': '...' }`. */
export function corpusOf(files: Record<string, string>): Corpus {
  const corpus = new Corpus();
  corpus.set(Object.entries(files).map(([uri, text]) => parseSource(uri, text)));
  return corpus;
}

/** Reads a fixture file under test/fixtures. */
export function fixture(...parts: string[]): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'fixtures', ...parts), 'utf8');
}
