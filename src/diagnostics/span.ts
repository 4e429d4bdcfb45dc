/** A range of source text. Lines and columns are 1-based; offsets are 0-based UTF-16 indexes. */
export interface Span {
  offset: number;
  line: number;
  column: number;
  /** Offset just past the last character. */
  endOffset: number;
  endLine: number;
  /** Column just past the last character. */
  endColumn: number;
}
