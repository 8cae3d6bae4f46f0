// Converting between string offsets and 0-based line/column positions (columns in UTF-16 code units, as editors count).

/** A 0-based line and column. */
export interface Position {
  /** 0-based line number. */
  line: number;
  /** 0-based column, in UTF-16 code units. */
  column: number;
}

/** The line starts of one text, for converting offsets to positions and back. Lines end at `\n`, `\r\n` or `\r`. */
export class LineIndex {
  #starts: number[] = [0];
  #length: number;

  constructor(text: string) {
    this.#length = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.#starts.push(i + 1);
    }
  }

  /** Number of lines (a text ending in a line break has an empty last line). */
  get lineCount(): number {
    return this.#starts.length;
  }

  /** The position of `offset`, clamped to the text. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.#length));
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.#starts[lo] };
  }

  /** The offset of a position, clamped to the text (a column past the line's end is not clamped to it). */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.#starts.length - 1));
    return Math.max(0, Math.min(this.#starts[line] + position.column, this.#length));
  }
}
