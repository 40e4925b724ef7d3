import { describe, expect, it } from 'vitest';
import { caseMatches, dateOfTerm, parseWorklistQuery } from './worklist-query';

const processes = ['initial-health-assessment', 'crisis-escalation'];

describe('the worklist query', () => {
  it('reads each narrowing and the order', () => {
    expect(
      parseWorklistQuery(
        {
          q: ' IHA-7K3F ',
          process: 'crisis-escalation',
          state: 'overdue',
          clock: 'assessment,review',
          provider: 'riverside-health',
          lead: 'Sam@Example.org',
          sort: 'newest',
        },
        processes,
      ),
    ).toEqual({
      query: {
        q: 'IHA-7K3F',
        process: 'crisis-escalation',
        state: 'overdue',
        clocks: ['assessment', 'review'],
        provider: 'riverside-health',
        lead: 'sam@example.org',
        sort: 'newest',
      },
    });
    expect(parseWorklistQuery({}, processes)).toEqual({ query: { sort: 'due' } });
  });

  it.each([
    ['q', ' x '],
    ['process', 'nothing-like-it'],
    ['state', 'met'],
    ['clock', 'A b'],
    ['provider', '../x'],
    ['lead', 'not an address'],
    ['sort', 'oldest'],
  ])('refuses a bad %s, naming it', (name, value) => {
    const parsed = parseWorklistQuery({ [name]: value }, processes);
    expect('issues' in parsed && parsed.issues.map((i) => i.path)).toEqual([name]);
  });
});

describe('a date as people type it', () => {
  it.each([
    ['2015-02-01', '2015-02-01'],
    ['1/2/2015', '2015-02-01'],
    ['01.02.2015', '2015-02-01'],
    ['1 February 2015', '2015-02-01'],
    ['1 feb 2015', '2015-02-01'],
    ['31/2/2015', undefined],
    ['Smith', undefined],
  ])('%s is %s', (term, date) => expect(dateOfTerm(term)).toBe(date));
});

describe('a case matches a search only by what the reader sees of it', () => {
  const record = { caseCode: 'IHA-7K3F' };
  const view = {
    caseReference: 'RC-2027-0042',
    child: { name: 'Ruby Thompson', dateOfBirth: '2015-02-01' },
    placement: { name: 'Oak House' },
    note: 'RC-2027-0043',
  };
  it.each([
    ['iha-7k3f', true],
    ['rc-2027-0042', true],
    ['RC-2027', false],
    ['thomp', true],
    ['1 February 2015', true],
    ['2 February 2015', false],
    ['Oak House', false],
    ['RC-2027-0043', false],
  ])('%s: %s', (term, matches) => expect(caseMatches(term, record, view)).toBe(matches));

  it('a reader shown no name (or no details) finds the case by its code only', () => {
    expect(caseMatches('Ruby', record, { caseReference: 'RC-2027-0042' })).toBe(false);
    expect(caseMatches('Ruby', record, undefined)).toBe(false);
    expect(caseMatches('IHA-7K3F', record, undefined)).toBe(true);
    expect(caseMatches('Ruby', record, { children: [{ name: 'Ruby Thompson' }] })).toBe(true);
  });
});
