/**
 * CSV records with their line numbers, read by csv-parse (RFC 4180: quoted values may hold commas,
 * doubled quotes and line breaks; a byte order mark is dropped), and csv-parse's errors said in plain
 * words with the line they are on ("a quoted value is not closed"). Used by the school directory import
 * and the term dates import; nothing here knows what the columns mean.
 */
import { type CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** The 1-based line of the file the record starts on (a quoted line break makes a record span lines). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  /** The 1-based position of the value in its record, where csv-parse says which one. */
  value?: number;
  /** The values csv-parse read on that row, when it read them (a row with a value too many or too few). */
  fields?: string[];
  reason: string;
}

export interface CsvRead {
  /** Every well-formed record, the header (the first record) included; rows of blank values are left out. */
  records: CsvRecord[];
  problems: CsvProblem[];
  /**
   * False when reading stopped part-way: after a quote that is not closed, or text after a closing
   * quote, csv-parse cannot tell where the following values start, so nothing after it can be trusted.
   */
  complete: boolean;
}

/**
 * csv-parse's error codes a file can cause (the others are wrong options: a
 * bug here, thrown as it is), in plain words.
 */
const RECORD_ERRORS: Record<
  string,
  { stops: boolean; words: (error: CsvError & { record?: unknown[] }, header?: number) => string }
> = {
  CSV_QUOTE_NOT_CLOSED: {
    stops: true,
    words: () =>
      'a quoted value is not closed: a double quote opened here has no closing quote before the end of the file',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    stops: true,
    words: () =>
      'a quoted value has more text after its closing quote (a double quote inside ' +
      'a quoted value is written twice: "")',
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    stops: true,
    words: () => 'a quoted value has more text after its closing quote',
  },
  INVALID_OPENING_QUOTE: {
    stops: false,
    words: () =>
      'a double quote is inside a value that does not start with one (put the whole value in double ' +
      'quotes and write the quote inside it twice: "Oak ""Old"" School")',
  },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: {
    stops: false,
    words: (error, header) => {
      const n = error.record?.length;
      const values = n === undefined ? 'a different number of values' : `${n} ${n === 1 ? 'value' : 'values'}`;
      return (
        `has ${values} but the header has ${header ?? 'another number'} ` +
        '(a comma too many or too few, or a value with a comma not in double quotes?)'
      );
    },
  },
  CSV_MAX_RECORD_SIZE: { stops: true, words: () => 'a record is far too long: is a quote left open?' },
};

/** Thrown from csv-parse's on_skip to stop at an error after which nothing can be read reliably. */
class StopReading extends Error {}

const blank = (fields: readonly unknown[]) => fields.every((f) => String(f ?? '').trim() === '');

/**
 * The line a record starts on: csv-parse's `lines` is the line it ended on, and its raw text (after any
 * empty lines it skipped) spans the line breaks between.
 */
function startLine(endLine: number, raw: string | undefined): number {
  if (!raw) return endLine;
  const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
  let breaks = 0;
  for (const char of inner) if (char === '\n') breaks++;
  return Math.max(1, endLine - breaks);
}

/** Longest record csv-parse buffers (a quote left open would otherwise gather the rest of a large file). */
const MAX_RECORD_BYTES = 64 * 1024;

export function readCsv(text: string): CsvRead {
  // One kind of line end, so csv-parse's line count is the file's (a CR alone or CRLF ends a line too).
  const input = text.replace(/\r\n?/g, '\n');
  const problems: CsvProblem[] = [];
  let header: number | undefined;
  let complete = true;
  const seen = new Set<string>();
  const onSkip = (error: CsvError | undefined, raw: string | undefined): undefined => {
    if (!error) return undefined;
    const known = RECORD_ERRORS[error.code];
    if (!known) throw error;
    const detail = error as CsvError & { lines?: number; column?: number; record?: unknown[] };
    if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && detail.record && blank(detail.record))
      return undefined; // a row of blanks, as spreadsheets leave
    const line = startLine(detail.lines ?? 1, raw);
    const key = `${line}:${error.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      const value =
        error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && typeof detail.column === 'number'
          ? { value: detail.column + 1 }
          : {};
      const fields = Array.isArray(detail.record) ? { fields: detail.record.map(String) } : {};
      problems.push({ line, ...value, ...fields, reason: known.words(detail, header) });
    }
    if (known.stops) {
      complete = false;
      throw new StopReading();
    }
    return undefined;
  };
  let parsed: { record: string[]; info: { lines: number }; raw: string }[] = [];
  try {
    parsed = parse(input, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      // Every record must have the header's number of values; one that has not is reported with its line
      // (on_skip) and the others are still read, so every bad row is listed at once.
      relax_column_count: false,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      on_skip: onSkip,
      // With `info`, csv-parse hands on_record the record wrapped with its info (its types say the bare record).
      on_record: ((wrapped: { record: string[] }) => {
        header ??= wrapped.record.length;
        return wrapped;
      }) as unknown as (record: string[]) => string[],
    }) as unknown as typeof parsed;
  } catch (error) {
    if (!(error instanceof StopReading)) {
      // csv-parse hands on what on_skip threw, wrapped or not.
      if (!(error instanceof Error && (error as { cause?: unknown }).cause instanceof StopReading) && complete)
        throw error;
    }
  }
  const records = parsed
    .filter((r, i) => i === 0 || !blank(r.record))
    .map((r) => ({ line: startLine(r.info.lines, r.raw), fields: r.record }));
  return { records, problems: problems.sort((a, b) => a.line - b.line), complete };
}
