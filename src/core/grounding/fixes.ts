// The quick fixes a finding offers, as plain data (document offsets and replacement text) hosts apply as they are.
import { formatCitation } from '../citations/format';
import { itemSpan } from '../citations/resolve';
import type { CiteItem, Citation } from '../citations/types';
import type { DiagnosticFix, GroundingDiagnostic } from './types';

/** Fixes offered to cite another paragraph, at most this many. */
const MAX_CITE_FIXES = 3;

function fixesFor(md: string, d: GroundingDiagnostic, items: Map<string, CiteItem>): DiagnosticFix[] {
  const data = d.data ?? {};
  if (d.code === 'unknown-key' && data.suggestedKey) {
    return [
      {
        title: `Replace with @${data.suggestedKey}`,
        start: d.start,
        end: d.end,
        newText: data.suggestedKey,
        preferred: true,
      },
    ];
  }
  if (d.code !== 'quote-not-found') return [];
  const fixes: DiagnosticFix[] = [];
  const item = items.get(`${data.itemStart}:${data.itemEnd}`);
  if (item) {
    const { start, end } = itemSpan(md, item);
    for (const f of (data.foundIn ?? []).slice(0, MAX_CITE_FIXES)) {
      const cite = formatCitation([{ key: f.key, from: f.paragraph }]).slice(1, -1);
      fixes.push({
        title: `Cite the source that contains this quote: @${f.key}, ¶${f.paragraph}`,
        start,
        end,
        newText: item.suppressAuthor ? `-${cite}` : cite,
        preferred: fixes.length === 0,
      });
    }
  }
  if (data.closest && data.quoteStart !== undefined && data.quoteEnd !== undefined) {
    fixes.push({
      title: 'Replace with the closest passage text',
      start: data.quoteStart,
      end: data.quoteEnd,
      newText: data.closest.text,
    });
  }
  return fixes;
}

/** Adds the citation and quotation fixes to each finding's `data.fixes`, after any a check put there itself. */
export function addFixes(md: string, diagnostics: GroundingDiagnostic[], citations: Citation[]): GroundingDiagnostic[] {
  // Items by their offsets, read once: a briefing with thousands of quotations stays linear.
  const items = new Map<string, CiteItem>();
  for (const c of citations)
    for (const i of c.items) if (!items.has(`${i.start}:${i.end}`)) items.set(`${i.start}:${i.end}`, i);
  for (const d of diagnostics) {
    const fixes = fixesFor(md, d, items);
    if (fixes.length) d.data = { ...d.data, fixes: [...(d.data?.fixes ?? []), ...fixes] };
  }
  return diagnostics;
}
