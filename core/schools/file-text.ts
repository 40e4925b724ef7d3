/**
 * The text of a file as it arrives: bytes in whatever encoding the tool that wrote them used. The
 * national schools register (Get Information about Schools) gives its extracts in Windows-1252; Excel's
 * "CSV UTF-8" and most other tools write UTF-8, with or without a byte order mark. A file is read as
 * UTF-8 when every line of it is valid UTF-8, otherwise as Windows-1252; a file that is neither, or
 * that is not text at all, is refused naming the line. Decoding is Node's own (the WHATWG TextDecoder):
 * no code tables here.
 *
 * Text that holds U+FFFD, the replacement character, was already decoded wrongly by something upstream
 * ("St Thomas � Becket"): the real letter is lost, so it is refused naming its line and column, never
 * stored.
 */

export type FileEncoding = 'utf-8' | 'windows-1252';

export interface TextProblem {
  /** 1-based line of the file. */
  line: number;
  /** 1-based character column in that line, where it helps to find the place. */
  column?: number;
  reason: string;
}

export type FileText =
  | { ok: true; text: string; encoding: FileEncoding | 'text' }
  | { ok: false; problems: TextProblem[] };

const LF = 0x0a;
/** Most lines named in one refusal: enough to see the pattern, never a wall of them. */
const MAX_LINES_NAMED = 10;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const windows1252 = new TextDecoder('windows-1252');

/** The byte ranges of each line (without its LF), so a problem can name its line. LF is one byte in both encodings. */
function linesOf(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

function decodesAsUtf8(line: Uint8Array, first: boolean): string | undefined {
  try {
    return (first ? utf8 : utf8KeepingBom).decode(line);
  } catch {
    return undefined;
  }
}

const hasHighByte = (line: Uint8Array) => line.some((b) => b >= 0x80);

/** A line, character by character, with 1-based columns: where `test` first holds. */
function columnOf(line: string, test: (char: string) => boolean): number | undefined {
  let column = 0;
  for (const char of line) {
    column++;
    if (test(char)) return column;
  }
  return undefined;
}

/**
 * Checks every decoded line: no NUL (a binary file), no C1 control character (in Windows-1252 those are
 * its five undefined bytes, 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which TextDecoder passes through as
 * U+0081...), no U+FFFD.
 */
function checkLines(lines: string[], encoding: FileEncoding | 'text'): TextProblem[] {
  const problems: TextProblem[] = [];
  lines.forEach((line, i) => {
    const nul = columnOf(line, (c) => c === '\u0000');
    if (nul !== undefined) {
      problems.push({
        line: i + 1,
        column: nul,
        reason:
          'holds a NUL byte: this is not a text file (was a spreadsheet or other binary file chosen ' +
          'instead of its CSV export?)',
      });
      return;
    }
    // A lone surrogate (only text handed over as a string can have one) would become U+FFFD on the way.
    const broken = columnOf(line, (c) => c.length === 1 && c >= '\uD800' && c <= '\uDFFF');
    if (broken !== undefined) {
      problems.push({
        line: i + 1,
        column: broken,
        reason:
          'holds a broken character (a lone surrogate): the text was cut in the middle ' +
          'of a character; send the file again',
      });
      return;
    }
    const c1 = columnOf(line, (c) => c >= '\u0080' && c <= '\u009f');
    if (c1 !== undefined) {
      const byte = line.codePointAt([...line].slice(0, c1 - 1).join('').length)!;
      problems.push({
        line: i + 1,
        column: c1,
        reason:
          encoding === 'windows-1252'
            ? `holds the byte 0x${byte.toString(16).toUpperCase()}, which is not a character in UTF-8 or ` +
              `in Windows-1252: the file is in neither encoding; save it again as CSV (UTF-8 or Windows-1252)`
            : `holds the control character U+${byte.toString(16).toUpperCase().padStart(4, '0')}, ` +
              `which no name or date has: the file was probably converted with the wrong encoding; ` +
              `export it again from the source`,
      });
      return;
    }
    const replacement = columnOf(line, (c) => c === '\uFFFD');
    if (replacement !== undefined) {
      problems.push({
        line: i + 1,
        column: replacement,
        reason:
          'holds the replacement character \u00AB\uFFFD\u00BB: a letter was lost when the file was read ' +
          'with the wrong encoding before it came here. Take the file as the register gives it (not ' +
          'opened and saved again by another tool), or correct the letter',
      });
    }
  });
  return problems;
}

function limited(problems: TextProblem[]): TextProblem[] {
  if (problems.length <= MAX_LINES_NAMED) return problems;
  const rest = problems.length - MAX_LINES_NAMED;
  const last = problems[MAX_LINES_NAMED - 1]!;
  return [
    ...problems.slice(0, MAX_LINES_NAMED),
    {
      line: last.line,
      reason: `and ${rest} more ${rest === 1 ? 'line' : 'lines'} after it with the same kind of problem`,
    },
  ];
}

/**
 * The text of a file given as bytes (decoded as above) or as text already (only checked). Line ends are
 * kept as they are.
 */
export function textOfFile(file: string | Uint8Array): FileText {
  if (typeof file === 'string') {
    const problems = checkLines(file.split('\n'), 'text');
    return problems.length
      ? { ok: false, problems: limited(problems) }
      : { ok: true, text: file.startsWith('\uFEFF') ? file.slice(1) : file, encoding: 'text' };
  }
  if (startsWith(file, 0xff, 0xfe) || startsWith(file, 0xfe, 0xff)) {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          reason: 'is UTF-16 text (Excel\'s "Unicode text"): save it as "CSV UTF-8" or "CSV (comma delimited)" instead',
        },
      ],
    };
  }
  if (startsWith(file, 0x50, 0x4b, 0x03, 0x04)) {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          reason:
            'is a spreadsheet workbook (.xlsx or .ods), not CSV: ' +
            'save it as "CSV UTF-8" or "CSV (comma delimited)" first',
        },
      ],
    };
  }
  const nul = file.indexOf(0);
  if (nul >= 0) {
    const line = file.subarray(0, nul).reduce((n, b) => (b === LF ? n + 1 : n), 1);
    return {
      ok: false,
      problems: [
        {
          line,
          reason:
            'holds a NUL byte: this is not a text file (was a spreadsheet or other binary file chosen ' +
            'instead of its CSV export?)',
        },
      ],
    };
  }
  const byteLines = linesOf(file);
  const asUtf8 = byteLines.map((line, i) => decodesAsUtf8(line, i === 0));
  const firstNotUtf8 = asUtf8.indexOf(undefined);
  if (firstNotUtf8 < 0) {
    const lines = asUtf8 as string[];
    const problems = checkLines(lines, 'utf-8');
    return problems.length
      ? { ok: false, problems: limited(problems) }
      : { ok: true, text: lines.join('\n'), encoding: 'utf-8' };
  }
  // Not UTF-8. A byte order mark says UTF-8, and a line of UTF-8 letters (non-ASCII and valid) beside a
  // line that is not means two encodings in one file: read either way, one of them would be garbled.
  if (startsWith(file, 0xef, 0xbb, 0xbf)) {
    return {
      ok: false,
      problems: [
        {
          line: firstNotUtf8 + 1,
          reason:
            'is not UTF-8, though the file starts with the UTF-8 byte order mark: ' +
            'part of the file was saved in another encoding; export it again as one file',
        },
      ],
    };
  }
  const utf8Line = byteLines.findIndex((line, i) => asUtf8[i] !== undefined && hasHighByte(line));
  if (utf8Line >= 0) {
    return {
      ok: false,
      problems: [
        {
          line: firstNotUtf8 + 1,
          reason:
            `is not UTF-8, but line ${utf8Line + 1} is: the file mixes two encodings, ` +
            `so some names would be garbled whichever way it is read; export it again as one file`,
        },
      ],
    };
  }
  const lines = byteLines.map((line) => windows1252.decode(line));
  const problems = checkLines(lines, 'windows-1252');
  return problems.length
    ? { ok: false, problems: limited(problems) }
    : { ok: true, text: lines.join('\n'), encoding: 'windows-1252' };
}
