// How indexing progress reads, wherever it is shown (the panel, the status bar, the window's progress area).

/** How far indexing has got. */
export interface IndexProgress {
  done: number;
  total: number;
  /** The files are checked for changes since the index was saved (the sources answer from it meanwhile). */
  checking?: boolean;
}

/** "Indexing 3,400 of 10,000 sources", or "Checking 3,000 of 10,000 sources for changes". */
export function progressText(p: IndexProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const sources = `${n(p.done)} of ${n(p.total)} source${p.total === 1 ? '' : 's'}`;
  return p.checking ? `Checking ${sources} for changes` : `Indexing ${sources}`;
}
