import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/domain/gtfs/read-csv';

const fieldsOf = (text: string) => readCsv(text).records.map((r) => r.fields);

describe('readCsv', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(fieldsOf('a,b,,d\n,,\n')).toEqual([['a', 'b', '', 'd'], ['', '', '']]);
  });

  it('unquotes fields with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf('"a,b","say ""hi""","two\nlines",""\n')).toEqual([['a,b', 'say "hi"', 'two\nlines', '']]);
  });

  it('accepts CRLF, LF and a missing final line break alike, and drops a BOM', () => {
    expect(fieldsOf('\uFEFFh1,h2\r\n1,2\n3,4')).toEqual([['h1', 'h2'], ['1', '2'], ['3', '4']]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(readCsv('h\r\n\r\nx\n\ny').records).toEqual([
      { line: 1, fields: ['h'] },
      { line: 3, fields: ['x'] },
      { line: 5, fields: ['y'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(fieldsOf('5" Schild,x\n')).toEqual([['5" Schild', 'x']]);
  });
});
