// `briefing check FILE.md`: grounding problems in a briefing; exit 1 when any is an error (or, with --strict, a warning).
import * as path from 'path';
import type { GroundingDiagnostic } from '../../core/grounding';
import type { Command } from '../command';
import { openDesk, readTextArg } from '../context';
import { paint, printJson, type Output, type Style } from '../output';

const STYLE: Record<GroundingDiagnostic['severity'], Style> = { error: 'red', warning: 'yellow', information: 'blue' };

function human(o: Output, file: string, diagnostics: GroundingDiagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const where = `${file}:${d.line + 1}:${d.column + 1}`;
    return `${paint(o, 'bold', where)}  ${paint(o, STYLE[d.severity], d.severity.padEnd(11))} ${d.message}  ${paint(o, 'dim', d.code)}`;
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const summary = diagnostics.length
    ? paint(
        o,
        errors ? 'red' : 'yellow',
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      )
    : paint(o, 'green', `${file}: no problems found`);
  return [...lines, summary].join('\n') + '\n';
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check a briefing: unknown keys, paragraphs out of range, quotes and claims not in the cited source',
  usage: 'briefing check FILE.md [--strict] [--sources DIR]... [--json]',
  flags: { strict: {} },
  async run(ctx) {
    const file = ctx.args.positionals[0];
    const text = readTextArg(file, 'Markdown briefing');
    const desk = await openDesk(ctx, { saveLater: true });
    const diagnostics = desk.check(text, { entities: await desk.entities() });
    if (ctx.json) {
      printJson(ctx.output, {
        file,
        diagnostics: diagnostics.map((d) => ({
          line: d.line + 1,
          column: d.column + 1,
          endLine: d.endLine + 1,
          endColumn: d.endColumn + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
          ...(d.data?.fixes?.length ? { fixes: d.data.fixes.map(({ title, newText }) => ({ title, newText })) } : {}),
        })),
      });
    } else {
      ctx.output.out(human(ctx.output, path.relative(process.cwd(), file) || file, diagnostics));
    }
    const failing = ctx.args.flags.strict ? ['error', 'warning'] : ['error'];
    return diagnostics.some((d) => failing.includes(d.severity)) ? 1 : 0;
  },
};
