/**
 * RFC 4180 CSV as GTFS feeds use it: comma-separated, fields optionally in double quotes, `""` for a
 * quote inside a quoted field, records ending in CRLF or LF, UTF-8 with an optional BOM. Quoted fields
 * may span lines, so every record carries the physical line it starts on for error messages.
 */

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  message: string;
}

export interface CsvReadResult {
  records: CsvRecord[];
  errors: CsvError[];
}

const QUOTE = '"';
const COMMA = ',';

/**
 * Reads every record, blank lines left out. Real feeds are not always strict, so a quote inside an
 * unquoted field and text after a closing quote are kept as they stand; only a quoted field still
 * open at the end of the file is an error (its record is dropped, since its extent is unknown).
 */
export function readCsv(text: string): CsvReadResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];

  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === QUOTE && input[i + 1] === QUOTE) {
        field += QUOTE;
        i++;
      } else if (ch === QUOTE) {
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && input[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === QUOTE && field === '') {
      quoted = true;
    } else if (ch === COMMA) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }

  if (quoted) {
    errors.push({ line: recordLine, message: 'quoted field is not closed before the end of the file' });
  } else if (field !== '' || fields.length > 0) {
    endRecord();
  }
  return { records, errors };
}
