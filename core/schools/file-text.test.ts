import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textOfFile } from './file-text';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('textOfFile: the bytes of a file in the encoding it was written in', () => {
  it('reads UTF-8, and drops its byte order mark', () => {
    expect(textOfFile(utf8('URN,Name\r\n100001,Zoë\r\n'))).toEqual({
      ok: true,
      text: 'URN,Name\r\n100001,Zoë\r\n',
      encoding: 'utf-8',
    });
    expect(textOfFile(utf8('\uFEFFURN,Name\n100001,Zoë\n'))).toEqual({
      ok: true,
      text: 'URN,Name\n100001,Zoë\n',
      encoding: 'utf-8',
    });
  });

  it('reads Windows-1252, as the schools register writes it: à, the curly apostrophe (0x92) and ë', () => {
    // Prepare: 0xE0 à, 0x92 ’ (U+2019, where Latin-1 would give the control character U+0092), 0xEB ë
    const file = bytes(
      'URN,EstablishmentName\r\n200101,St Thomas ',
      [0xe0],
      ' Becket\r\n200102,St Bede',
      [0x92],
      's\r\n200103,Bront',
      [0xeb],
      '\r\n',
    );
    // Act
    const read = textOfFile(file);
    // Assess
    expect(read).toEqual({
      ok: true,
      text: 'URN,EstablishmentName\r\n200101,St Thomas à Becket\r\n200102,St Bede\u2019s\r\n200103,Brontë\r\n',
      encoding: 'windows-1252',
    });
  });

  it('a file of ASCII alone is UTF-8 (the same either way)', () => {
    expect(textOfFile(utf8('a,b\n1,2\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  it.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])(
    'refuses byte 0x%s, which Windows-1252 leaves undefined, naming its line and column',
    (byte) => {
      const read = textOfFile(bytes('URN,Name\n100001,Oak\n100002,El', [byte], 'm\n'));
      expect(read).toEqual({
        ok: false,
        problems: [
          {
            line: 3,
            column: 10,
            reason: expect.stringContaining(
              `holds the byte 0x${byte.toString(16).toUpperCase()}, which is not a character in UTF-8 or in Windows-1252`,
            ),
          },
        ],
      });
    },
  );

  it('refuses a binary file (a NUL byte), naming the line', () => {
    expect(textOfFile(bytes('URN,Name\n100001,Oak\n', [0x00, 0x01, 0xff]))).toEqual({
      ok: false,
      problems: [{ line: 3, reason: expect.stringContaining('holds a NUL byte: this is not a text file') }],
    });
  });

  it('refuses a spreadsheet workbook and UTF-16 text with what to do instead', () => {
    expect(textOfFile(bytes('PK', [0x03, 0x04, 0x14, 0x00]))).toEqual({
      ok: false,
      problems: [{ line: 1, reason: expect.stringContaining('is a spreadsheet workbook (.xlsx or .ods), not CSV') }],
    });
    expect(textOfFile(new Uint8Array(Buffer.from('\uFEFFURN', 'utf16le')))).toEqual({
      ok: false,
      problems: [{ line: 1, reason: expect.stringContaining('is UTF-16 text') }],
    });
  });

  it('refuses a file that mixes UTF-8 and Windows-1252 (either reading would garble some names), naming both lines', () => {
    const read = textOfFile(bytes('URN,Name\n', [...utf8('100001,Zoë\n')], '100002,Bront', [0xeb], '\n'));
    expect(read).toEqual({
      ok: false,
      problems: [
        { line: 3, reason: expect.stringContaining('is not UTF-8, but line 2 is: the file mixes two encodings') },
      ],
    });
  });

  it('refuses bytes that are not UTF-8 after a UTF-8 byte order mark', () => {
    expect(textOfFile(bytes([0xef, 0xbb, 0xbf], 'URN,Name\n100002,Bront', [0xeb], '\n'))).toEqual({
      ok: false,
      problems: [{ line: 2, reason: expect.stringContaining('starts with the UTF-8 byte order mark') }],
    });
  });

  it('refuses the replacement character (a letter lost upstream), naming line and column, in bytes or in text', () => {
    // Prepare: what a tool that read the register as UTF-8 saves: "St Thomas � Becket"
    const garbled = 'URN,EstablishmentName\r\n200101,St Thomas \uFFFD Becket\r\n';
    // Act / Assess
    for (const file of [utf8(garbled), garbled]) {
      expect(textOfFile(file)).toEqual({
        ok: false,
        problems: [{ line: 2, column: 18, reason: expect.stringContaining('holds the replacement character') }],
      });
    }
  });

  it('refuses text read as Latin-1 instead of Windows-1252 (a C1 control character where the apostrophe was)', () => {
    expect(textOfFile('URN,Name\n200102,St Bede\u0092s\n')).toEqual({
      ok: false,
      problems: [{ line: 2, column: 15, reason: expect.stringContaining('control character U+0092') }],
    });
  });

  it('names at most ten lines, and says how many more', () => {
    const text = ['URN,Name', ...Array.from({ length: 14 }, (_, i) => `10000${i},Sch\uFFFDol`)].join('\n');
    const read = textOfFile(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(11);
    expect(read.problems[10]).toEqual({ line: 11, reason: 'and 4 more lines after it with the same kind of problem' });
  });

  it('the Northvale register extract fixture is Windows-1252, and reads with its names intact', () => {
    const file = readFileSync(
      new URL('../../test/fixtures/schools/gias-northvale-331-windows-1252.csv', import.meta.url),
    );
    const read = textOfFile(new Uint8Array(file));
    expect(read).toMatchObject({ ok: true, encoding: 'windows-1252' });
    if (!read.ok) return;
    expect(read.text).toContain('St Thomas à Becket Catholic Primary School');
    expect(read.text).toContain('St Bede\u2019s Catholic Primary School');
  });
});
