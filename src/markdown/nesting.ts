// markdown-it stops at 100 levels of block nesting (blockquotes, lists) and drops what is deeper without a word;
// this records where that happens so the export can say so.
import { DiagnosticSink } from '../core/grounding/diagnostic';
import type { GroundingDiagnostic } from '../core/grounding';
import type { MarkdownItInstance } from './plugin';

const ENV_DROPPED = 'briefingDeskDropped';

interface BlockState {
  level: number;
  env: Record<string, unknown>;
  blkIndent: number;
  sCount: number[];
  bMarks: number[];
  tShift: number[];
  eMarks: number[];
  skipEmptyLines(from: number): number;
}

/** Makes `md` record, in the parse's env, every block it drops for being nested too deep. */
export function recordDroppedNesting(md: MarkdownItInstance): void {
  const block = md.block as unknown as { tokenize(state: BlockState, start: number, end: number): void };
  const tokenize = block.tokenize.bind(block);
  block.tokenize = (state, startLine, endLine) => {
    if (state.level >= md.options.maxNesting!) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line] >= state.blkIndent) {
        const dropped = (state.env[ENV_DROPPED] ??= []) as Array<[number, number]>;
        dropped.push([state.bMarks[line] + state.tShift[line], state.eMarks[endLine - 1]]);
      }
    }
    tokenize(state, startLine, endLine);
  };
}

/** One error per dropped block recorded in `env` by `recordDroppedNesting`, with its line. */
export function droppedNestingProblems(
  markdown: string,
  env: Record<string, unknown>,
  maxNesting: number,
): GroundingDiagnostic[] {
  const sink = new DiagnosticSink(markdown);
  for (const [start, end] of (env[ENV_DROPPED] ?? []) as Array<[number, number]>) {
    sink.add(
      'nesting-too-deep',
      'error',
      start,
      Math.max(start, end),
      `Text nested more than ${maxNesting} levels deep (block quotes or lists) cannot be rendered and is left out; ` +
        'use fewer levels',
    );
  }
  return sink.diagnostics;
}
