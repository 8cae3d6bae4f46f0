// `briefing search "QUERY"`: passages that match, best first.
import { highlight, type SearchOptions } from '../../core/search';
import { intFlag, listFlag, UsageError, type ParsedArgs } from '../args';
import type { Command } from '../command';
import { openDesk } from '../context';
import { paint, printJson, truncate, type Output } from '../output';

function highlighted(o: Output, text: string, matches: Array<[number, number]>, max: number): string {
  // Show a window of the passage around the first match, matched words in colour.
  const first = matches[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - 60, text.length - max));
  const to = Math.min(text.length, from + max);
  const segments = highlight(
    text.slice(from, to),
    matches.map(([s, e]): [number, number] => [s - from, e - from]),
  );
  const body = segments.map((seg) => (seg.match ? paint(o, 'yellow', seg.text) : seg.text)).join('');
  const out = (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
  return o.color ? out : truncate(out, max + 2);
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search the sources (typo-tolerant) and print matching passages',
  usage:
    'briefing search "QUERY" [--limit N] [--source KEY]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--entity NAME] [--sources DIR]... [--json]',
  flags: {
    limit: { value: true },
    source: { value: true, repeat: true },
    from: { value: true },
    to: { value: true },
    entity: { value: true },
  },
  async run(ctx) {
    const query = ctx.args.positionals.join(' ').trim();
    const entity = stringFlag(ctx.args, 'entity');
    if (!query && !entity) throw new UsageError('missing QUERY');
    const limit = intFlag(ctx.args, 'limit', 10);
    const options: SearchOptions = { limit };
    const keys = listFlag(ctx.args, 'source');
    if (keys.length) options.keys = keys;
    options.from = dateFlag(ctx.args, 'from');
    options.to = dateFlag(ctx.args, 'to');
    const desk = await openDesk(ctx, { saveLater: true });
    // The entity index also gives the search its aliases (MoU / Memorandum of Understanding).
    const entities = await desk.entities();
    if (entity) {
      const e = entities.find(entity);
      if (!e) throw new UsageError(`no entity named "${entity}" (see \`briefing entities\`)`);
      options.passages = e.mentions.map((m) => ({ key: m.key, paragraph: m.paragraph }));
    }
    const hits = desk.search(query, options);
    if (ctx.json) {
      printJson(ctx.output, {
        query,
        results: hits.map((h) => ({
          key: h.key,
          paragraph: h.paragraph,
          text: h.text,
          score: round(h.score),
          title: h.title,
          matches: h.matches,
          notes: h.notes,
        })),
      });
      return 0;
    }
    const o = ctx.output;
    if (!hits.length) {
      o.out(`No passages match "${query}".\n`);
      return 0;
    }
    hits.forEach((h, i) => {
      o.out(
        `${paint(o, 'dim', String(i + 1).padStart(2))}. ${paint(o, 'cyan', `@${h.key}`)}, ¶${h.paragraph}  ${paint(o, 'dim', `score ${round(h.score).toFixed(3)}  ${truncate(h.title, 60)}`)}\n`,
      );
      o.out(`    ${highlighted(o, h.text, h.matches, 200)}\n`);
      if (h.notes.length) o.out(`    ${paint(o, 'dim', h.notes.join('; '))}\n`);
    });
    return 0;
  },
};

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

function dateFlag(args: ParsedArgs, name: string): string | undefined {
  const v = stringFlag(args, name);
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
    throw new UsageError(`--${name} takes a date YYYY-MM-DD, not "${v}"`);
  return v;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
