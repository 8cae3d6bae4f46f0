// `briefing sources`: the corpus in use, one line per source.
import type { Command } from '../command';
import { openDesk } from '../context';
import { paint, printJson, table, truncate } from '../output';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'List the sources in use, with their citation keys',
  usage: 'briefing sources [--sources DIR]... [--json]',
  flags: {},
  async run(ctx) {
    const sources = (await openDesk(ctx)).library.sources;
    if (ctx.json) {
      printJson(ctx.output, {
        sources: sources.map((s) => ({
          key: s.key,
          title: s.title,
          date: s.date,
          path: s.uri,
          paragraphs: s.paragraphs.length,
          place: s.place,
          outlet: s.outlet,
          url: s.url,
          authors: s.authors,
          format: s.format ?? 'text',
          ...(s.pages ? { pages: s.pages } : {}),
          ...(s.accessed ? { accessed: s.accessed } : {}),
        })),
      });
      return 0;
    }
    const o = ctx.output;
    const rows = [['KEY', 'DATE', '¶', 'TITLE'].map((h) => paint(o, 'bold', h))];
    for (const s of sources)
      rows.push([paint(o, 'cyan', s.key), s.date ?? '—', String(s.paragraphs.length), truncate(s.title, 70)]);
    o.out(table(rows));
    o.out(paint(o, 'dim', `${sources.length} source${sources.length === 1 ? '' : 's'}\n`));
    return 0;
  },
};
