/**
 * What a command prints, as data: lines of text and tables. The terminal gets it as text
 * ({@link printedText}, tables aligned by {@link alignedTable}); `report.html` renders the very same
 * parts as paragraphs and HTML tables, so every table printed is in the report.
 */

/** A table: the first row is the header. */
export interface PrintedTable {
  readonly table: readonly (readonly string[])[];
}

/** A line of text, or a table. */
export type PrintedPart = string | PrintedTable;

/**
 * Whether a cell reads as a number: a number, also with a unit, a 95% interval
 * (`9.5% [9.0%, 9.9%]`), `≥ ` or `±`; or `—`. Such cells align right.
 */
export function isNumericCell(text: string): boolean {
  return /^(≥ )?[-+]?[\d.,%]+( \/ [\d.]+)?( s| ms)?( \[[^\]]*\]| ±[\d.]+)?$/.test(text) || text === '—';
}

/** Renders rows as an aligned table; the first row is the header. Numbers align right. */
export function alignedTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const render = (row: readonly string[]) =>
    row
      .map((cell, c) => (c > 0 && isNumericCell(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [render(rows[0]), rule, ...rows.slice(1).map(render)].join('\n');
}

/** `rows` as a printed table. */
export function table(rows: readonly (readonly string[])[]): PrintedTable {
  return { table: rows };
}

/** The parts as the terminal shows them: one line each, tables aligned. */
export function printedText(parts: readonly PrintedPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : alignedTable(part.table))).join('\n');
}
