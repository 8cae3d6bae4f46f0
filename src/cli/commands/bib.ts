// `briefing bib`: the corpus (or the sources a briefing cites) as CSL-JSON, for pandoc --citeproc.
import { parseCitations } from '../../core/citations';
import { toCsl } from '../../core/corpus';
import type { Command } from '../command';
import { openDesk, readTextArg } from '../context';
import { printJson } from '../output';

export const bibCommand: Command = {
  name: 'bib',
  summary: 'Write the sources as CSL-JSON (pandoc --citeproc --bibliography)',
  usage: 'briefing bib [--cited FILE.md] [--sources DIR]... [--json]   (output is CSL-JSON either way)',
  flags: { cited: { value: true } },
  async run(ctx) {
    const cited = typeof ctx.args.flags.cited === 'string' ? ctx.args.flags.cited : undefined;
    const keys = cited
      ? new Set(parseCitations(readTextArg(cited, 'Markdown briefing')).flatMap((c) => c.items.map((i) => i.key)))
      : undefined;
    const desk = await openDesk(ctx);
    printJson(ctx.output, desk.library.sources.filter((s) => !keys || keys.has(s.key)).map(toCsl));
    return 0;
  },
};
