/**
 * Writes GTFS CSV: a header line, then one line per record, LF line ends. A value is quoted only when
 * it holds a comma or a quote (as the reference asks); tabs and line breaks, which GTFS forbids inside
 * values, become spaces, so free text such as an area name can never break a record apart.
 */
export type CsvValue = string | number | undefined;

function field(value: CsvValue): string {
  const text = value === undefined ? '' : String(value).replace(/[\t\r\n]+/g, ' ');
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, CsvValue>>): string {
  const lines = [header.join(','), ...rows.map((row) => header.map((name) => field(row[name])).join(','))];
  return `${lines.join('\n')}\n`;
}
