// `briefing export FILE.md [-o OUT.html]`: one self-contained HTML file with tooltips, bibliography and a grounding summary.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { renderStandalone } from '../../markdown';
import { packageRoot } from '../../node/fsStore';
import type { Command } from '../command';
import { InputError, loadDesk, readTextArg } from '../context';
import { paint, printJson } from '../output';

/** True when `a` names the same existing file as `b` (through links, other spellings of the path). */
function sameFile(a: string, b: string): boolean {
  if (/^[a-z][a-z0-9+.-]+:/i.test(b) || !fs.existsSync(a)) return false;
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a briefing as one self-contained HTML file (tooltips, bibliography, grounding summary)',
  usage: 'briefing export FILE.md [-o OUT.html] [--sources DIR]... [--json]',
  flags: { output: { value: true, short: 'o' } },
  async run(ctx) {
    const file = ctx.args.positionals[0];
    const markdown = readTextArg(file, 'Markdown briefing');
    const out =
      typeof ctx.args.flags.output === 'string'
        ? ctx.args.flags.output
        : file.replace(/\.(md|markdown|txt)$/i, '') + '.html';
    const { desk, problems } = await loadDesk(ctx, { saveLater: true });
    const corpus = desk.library.corpus;
    // Never write over the briefing or a source (a link or another spelling of the path included).
    const source = [...corpus.sources.map((s) => s.uri), ...problems.map((p) => p.uri)].find((u) => sameFile(out, u));
    const clash = sameFile(out, file) ? 'the briefing being exported' : source ? `the source ${source}` : undefined;
    if (clash) throw new InputError(`refusing to write ${out}: it is ${clash} (choose another file with -o)`);
    const media = path.join(packageRoot(), 'media');
    const result = renderStandalone(markdown, {
      corpus,
      entities: await desk.entities(),
      css: fs.readFileSync(path.join(media, 'preview.css'), 'utf8'),
      js: fs.readFileSync(path.join(media, 'preview.js'), 'utf8'),
      location: (s) => (/^[a-z]+:/i.test(s.uri) ? s.uri : path.relative(path.dirname(path.resolve(out)), s.uri)),
      fallbackTitle: path.basename(file),
      sha256: (t) => createHash('sha256').update(t, 'utf8').digest('base64'),
    });
    try {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, result.html);
    } catch (e) {
      throw new InputError(`${out}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (ctx.json) printJson(ctx.output, { file, output: out, cited: result.cited, problems: errors });
    else {
      const o = ctx.output;
      o.out(
        `${paint(o, 'green', 'wrote')} ${out}  ${paint(o, 'dim', `${result.cited.length} sources cited, ${errors} problem${errors === 1 ? '' : 's'}`)}\n`,
      );
    }
    return 0;
  },
};
