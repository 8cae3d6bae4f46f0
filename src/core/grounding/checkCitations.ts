// Checks of the citations themselves: unknown keys, paragraphs the source does not have, locators that are not paragraphs.
import { citedPages } from '../citations/pages';
import type { Citation, CiteItem } from '../citations/types';
import type { Corpus } from '../corpus/corpus';
import type { DiagnosticSink } from './diagnostic';
import { suggestKey } from './suggest';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function checkKey(item: CiteItem, inText: boolean, corpus: Corpus, sink: DiagnosticSink): boolean {
  if (corpus.get(item.key)) return true;
  const suggestedKey = suggestKey(
    item.key,
    corpus.sources.map((s) => s.key),
  );
  const hint = suggestedKey
    ? ` Did you mean "${suggestedKey}"?`
    : inText
      ? ` If this is not a citation, write \\@${item.key}.`
      : '';
  const data = {
    itemKey: item.key,
    itemStart: item.start,
    itemEnd: item.end,
    ...(suggestedKey ? { suggestedKey } : {}),
  };
  sink.add('unknown-key', 'error', item.keyStart, item.keyEnd, `Unknown source key "${item.key}".${hint}`, data);
  return false;
}

/** What a valid paragraph locator looks like, for messages. */
const VALID_LOCATOR = 'a paragraph locator is ¶ and paragraph numbers from 1: ¶3, ¶¶3-4 or ¶3, 5';

function checkLocator(item: CiteItem, corpus: Corpus, sink: DiagnosticSink): void {
  const { locator, otherLocator, invalidLocator: bad } = item;
  const source = corpus.get(item.key);
  const data = { itemKey: item.key, itemStart: item.start, itemEnd: item.end };
  if (bad) {
    const fixes = bad.suggestion
      ? [
          {
            title: `Change to ${bad.suggestion}`,
            start: bad.start,
            end: bad.end,
            newText: bad.suggestion,
            preferred: true,
          },
        ]
      : [];
    const hint = bad.suggestion ? ` Did you mean ${bad.suggestion}?` : '';
    const message = `"${bad.raw}" is not a valid paragraph locator: ${VALID_LOCATOR}.${hint} Quotations citing it are not checked.`;
    sink.add('invalid-locator', 'error', bad.start, bad.end, message, { ...data, ...(fixes.length ? { fixes } : {}) });
  }
  if (locator && source) {
    const count = source.paragraphs.length;
    if (locator.from < 1 || locator.to > count) {
      const message = `${locator.raw} is out of range: "${item.key}" has ${plural(count, 'paragraph')}.`;
      sink.add('locator-out-of-range', 'error', locator.start, locator.end, message, data);
    }
    const backwards = locator.ranges.find(([a, b]) => b < a);
    if (backwards) {
      const message = `The range ${backwards[0]}-${backwards[1]} in "${locator.raw}" runs backwards; write ${backwards[1]}-${backwards[0]}.`;
      sink.add('invalid-locator', 'error', locator.start, locator.end, message, data);
    }
  }
  const pages = citedPages(item, source);
  if (otherLocator && pages && source?.pages) {
    const wrong = pages.find(([a, b]) => Math.min(a, b) < 1 || Math.max(a, b) > source.pages!);
    if (wrong) {
      const message = `${otherLocator.raw} is out of range: "${item.key}" has ${plural(source.pages, 'page')}.`;
      sink.add('locator-out-of-range', 'error', otherLocator.start, otherLocator.end, message, data);
    }
    const backwards = pages.find(([a, b]) => b < a);
    if (backwards) {
      const message = `The range ${backwards[0]}-${backwards[1]} in "${otherLocator.raw}" runs backwards; write ${backwards[1]}-${backwards[0]}.`;
      sink.add('invalid-locator', 'error', otherLocator.start, otherLocator.end, message, data);
    }
  } else if (otherLocator) {
    const what = otherLocator.label
      ? `"${otherLocator.raw}" does not name paragraphs`
      : `"${otherLocator.raw}" has no label (pandoc reads it as a page)`;
    const message = `${what}; cite paragraphs as ¶3 or ¶¶3-4. Quotations are checked against the whole source.`;
    sink.add('unsupported-locator', 'warning', otherLocator.start, otherLocator.end, message, data);
  }
}

/** Reports unknown keys (with the likely intended key), out-of-range or backwards paragraphs, and non-paragraph locators. */
export function checkCitations(citations: Citation[], corpus: Corpus, sink: DiagnosticSink): void {
  for (const citation of citations) {
    for (const item of citation.items) {
      if (checkKey(item, citation.inText && item === citation.items[0], corpus, sink)) checkLocator(item, corpus, sink);
    }
  }
}
