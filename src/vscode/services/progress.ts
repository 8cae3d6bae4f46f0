// How indexing progress reads, wherever it is shown (the panel, the status bar, the window's progress area).

/** How far indexing has got. */
export interface IndexProgress {
  done: number;
  total: number;
}

/** "Indexing 3,400 of 10,000 sources". */
export function progressText(p: IndexProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `Indexing ${n(p.done)} of ${n(p.total)} source${p.total === 1 ? '' : 's'}`;
}
