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

/**
 * Every span is made here, its fields forced to small integers. V8 keeps such fields inside
 * the object; one span given a number read from chevrotain's NaN-initialised locations
 * (a boxed double, even when whole) made every span box all six fields (perf, issue 6:
 * 600,000 heap numbers, ~9 MB, per 10,000 VMs). NaN, which only error recovery makes, is 0.
 */
export function makeSpan(
  offset: number,
  line: number,
  column: number,
  endOffset: number,
  endLine: number,
  endColumn: number,
): Span {
  return {
    offset: offset | 0,
    line: line | 0,
    column: column | 0,
    endOffset: endOffset | 0,
    endLine: endLine | 0,
    endColumn: endColumn | 0,
  };
}
