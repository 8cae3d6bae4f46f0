// Generated article-sized sources (the benchmark's corpus writer), parsed as the desk parses them, for tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorpus } from '../../../bench/corpus';
import { Corpus, parseSource, type Source } from '../../../src/core/corpus';

/** `n` generated sources, written to a temp folder, read back and keyed as a corpus; the folder is removed. */
export function generatedSources(n: number): Source[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-sources-'));
  try {
    writeCorpus(dir, n);
    const corpus = new Corpus();
    corpus.set(
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => parseSource(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'))),
    );
    return corpus.sources;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
