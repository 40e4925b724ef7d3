import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-records';

describe('readCsv (csv-parse, with the line each record starts on)', () => {
  it('reads plain records with their line numbers', () => {
    expect(readCsv('a,b,c\n1,2,3\n')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
      ],
      problems: [],
      complete: true,
    });
  });

  it('reads CRLF, LF and a lone CR as line ends', () => {
    expect(readCsv('a,b\r\n1,2\n3,4\r5,6').records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted values, and counts the lines they span', () => {
    // Prepare
    const text =
      'name,note\r\n"Millbrook Nursery School, Riverside","She said ""hello"""\r\n"St Anne\'s","two\r\nlines\nhere"\r\nlast,row\r\n';
    // Act
    const { records, problems } = readCsv(text);
    // Assess: a line break inside a value is read as LF, whatever the file used
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Millbrook Nursery School, Riverside', 'She said "hello"'] },
      { line: 3, fields: ["St Anne's", 'two\nlines\nhere'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('drops a byte order mark, blank lines and rows of blank values (the header is always kept)', () => {
    expect(readCsv('\uFEFFURN,Name\r\n100001,Oak\r\n\r\n100002,Elm\r\n,\r\n \r\n\r\n').records).toEqual([
      { line: 1, fields: ['URN', 'Name'] },
      { line: 2, fields: ['100001', 'Oak'] },
      { line: 4, fields: ['100002', 'Elm'] },
    ]);
  });

  it('keeps empty values, a quoted empty value and a trailing empty value', () => {
    expect(readCsv('a,,"",\n').records).toEqual([{ line: 1, fields: ['a', '', '', ''] }]);
  });

  it('reports each row with a value too many or too few, in plain words with its line and the values read, and reads on', () => {
    // Act
    const { records, problems, complete } = readCsv('a,b\n1,2\n3\n4,5,6\n7,8');
    // Assess
    expect(complete).toBe(true);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(problems).toEqual([
      {
        line: 3,
        fields: ['3'],
        reason: expect.stringMatching(/^has 1 value but the header has 2 \(a comma too many or too few/),
      },
      { line: 4, fields: ['4', '5', '6'], reason: expect.stringMatching(/^has 3 values but the header has 2/) },
    ]);
  });

  it('a double quote inside an unquoted value is reported once, with its line, and reading goes on', () => {
    const { records, problems, complete } = readCsv('a,b\nOak "Old" School,1\n5,6\n');
    expect(complete).toBe(true);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['5', '6'],
    ]);
    expect(problems).toEqual([
      {
        line: 2,
        value: 1,
        reason: expect.stringContaining('a double quote is inside a value that does not start with one'),
      },
    ]);
  });

  it('text after a closing quote stops the reading there: nothing after it can be trusted', () => {
    const { problems, complete } = readCsv('a,b\n1,2\n"Oak"x,1\n7,8\n');
    expect(complete).toBe(false);
    expect(problems).toEqual([
      { line: 3, value: 1, reason: expect.stringContaining('a quoted value has more text after its closing quote') },
    ]);
  });

  it('a quote never closed is reported on the line it opened, naming the value', () => {
    const { problems, complete } = readCsv('a,b\n1,2\n2,"never closed\n3,4\n5,6\n');
    expect(complete).toBe(false);
    expect(problems).toEqual([
      {
        line: 3,
        value: 2,
        reason:
          'a quoted value is not closed: a double quote opened here has no closing quote before the end of the file',
      },
    ]);
  });

  it('an empty text has no records', () => {
    expect(readCsv('')).toEqual({ records: [], problems: [], complete: true });
    expect(readCsv('\uFEFF\r\n').records).toEqual([]);
  });
});
