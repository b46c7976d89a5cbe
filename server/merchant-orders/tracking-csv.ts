// Parses the merchant's tracking CSV (order_number,carrier,tracking_number,tracking_url): RFC 4180 quoting,
// CRLF or LF, an optional header row, a UTF-8 byte-order mark tolerated. Pure: which rows name real orders is
// checked by import-tracking.ts.

/** One data row as typed, with its line number in the file (1-based, header included). */
export type TrackingCsvRow = {
  line: number;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  /** The row had no cells at all (a blank line between rows). */
  empty: boolean;
  /** More than four cells. */
  extraCells: boolean;
};

export const TRACKING_CSV_HEADER = ['order_number', 'carrier', 'tracking_number', 'tracking_url'] as const;

/** Splits CSV text into rows of cells (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The tracking rows of a CSV file; a first row naming the columns is skipped, trailing blank lines dropped. */
export function parseTrackingCsv(text: string): TrackingCsvRow[] {
  const rows = parseCsv(text);
  while (rows.length > 0 && isBlank(rows[rows.length - 1] ?? [])) rows.pop();
  const first = rows[0];
  const hasHeader = first !== undefined && first[0]?.trim().toLowerCase() === TRACKING_CSV_HEADER[0];
  return rows.slice(hasHeader ? 1 : 0).map((cells, i) => {
    const cell = (n: number) => (cells[n] ?? '').trim();
    return {
      line: i + (hasHeader ? 2 : 1),
      orderNumber: cell(0).toUpperCase(),
      carrier: cell(1),
      trackingNumber: cell(2),
      trackingUrl: cell(3),
      empty: isBlank(cells),
      extraCells: cells.slice(4).some((c) => c.trim() !== ''),
    };
  });
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
