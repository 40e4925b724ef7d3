/**
 * The readers of the files the school directory's and the term dates' imports send: the register and
 * contacts CSVs (csv-parse) and councils' term dates (csv-parse, ical.js), the largest part of what those
 * imports need. Given only to what serves the imports (the imports' function, the pages, the local
 * runtime), so the API's own bundle holds none of it; each loads at its first import.
 */
export interface SchoolFileReaders {
  directory(): Promise<Pick<typeof import('#core/schools/directory-import'), 'buildDirectory' | 'schoolsToRemove'>>;
  termDates(): Promise<Pick<typeof import('#core/schools/term-dates-import'), 'termDatesFrom' | 'withSchoolYears'>>;
}

export const schoolFiles: SchoolFileReaders = {
  directory: () => import('#core/schools/directory-import'),
  termDates: () => import('#core/schools/term-dates-import'),
};
