/** The audit pages' words for a download the API refused. */
import { describe, expect, it } from 'vitest';
import { refusedDownload } from './audit';

describe('a refused audit download', () => {
  it('a selection too long for one CSV says so, with what to do; other refusals are the page’s own checks', () => {
    const message = 'holds more than 10,000 entries: choose a shorter date range';
    const tooLong = {
      status: 400,
      body: {
        code: 'selectionTooLong',
        detail: `The selection ${message}`,
        issues: [
          { path: 'from', message },
          { path: 'to', message },
        ],
      },
    };
    expect(refusedDownload(tooLong)).toBe('The download holds more than 10,000 entries: choose a shorter date range.');
    const badDate = {
      status: 400,
      body: { code: 'invalidQuery', detail: 'x', issues: [{ path: 'from', message: 'y' }] },
    };
    expect(refusedDownload(badDate)).toBeUndefined();
  });
});
