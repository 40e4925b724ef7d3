import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '#core/process/model';
import { auditCsv, decodeAuditCursor, encodeAuditCursor, parseAuditQuery } from './audit-query';
import { Problem } from './problem';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof Problem) return { status: e.status, issues: e.issues };
    throw e;
  }
  return undefined;
};

describe('the audit query', () => {
  it('takes London days as the first and last millisecond of each, across the clock change', () => {
    // 28 March 2027 is 23 hours long: from 00:00 GMT to 23:59:59.999 BST.
    expect(parseAuditQuery({ from: '2027-03-28', to: '2027-03-28' }).range).toEqual({
      from: '2027-03-28T00:00:00.000Z',
      to: '2027-03-28T22:59:59.999Z',
    });
    expect(parseAuditQuery({}).limit).toBe(50);
  });

  it('refuses each field at fault, naming it and why', () => {
    expect(issuesOf(() => parseAuditQuery({ from: '2027-02-30', to: '1/3/2027', limit: '0' }))).toEqual({
      status: 400,
      issues: [
        { path: 'from', message: 'must be a real date written YYYY-MM-DD, for example 2026-12-01' },
        { path: 'to', message: 'must be a real date written YYYY-MM-DD, for example 2026-12-01' },
        { path: 'limit', message: 'must be a whole number from 1 to 200' },
      ],
    });
    expect(issuesOf(() => parseAuditQuery({ from: '2027-03-02', to: '2027-03-01' }))?.issues).toEqual([
      { path: 'to', message: 'must be the same as or after from' },
    ]);
  });

  it("follows only a cursor of the selection's own partition and range", () => {
    const selection = { of: { actor: 'u-alex' }, from: '2027-03-01T00:00:00.000Z' };
    const position = {
      PK: 'CASE#iha-aaaa-bbbb',
      SK: 'AUDIT#2027-03-05T10:00:00.000Z#a1',
      GSI3PK: 'ACTOR#u-alex',
      GSI3SK: '2027-03-05T10:00:00.000Z#a1',
    };
    const cursor = encodeAuditCursor(position);
    expect(decodeAuditCursor(cursor, selection)).toEqual(position);
    const refused = [{ path: 'cursor', message: 'must be the cursor a page of this selection gave, as it gave it' }];
    // Another person's, a position before the range, a case's cursor, and no cursor at all.
    expect(issuesOf(() => decodeAuditCursor(cursor, { of: { actor: 'u-sam' } }))?.issues).toEqual(refused);
    expect(
      issuesOf(() => decodeAuditCursor(cursor, { ...selection, from: '2027-03-06T00:00:00.000Z' }))?.issues,
    ).toEqual(refused);
    expect(issuesOf(() => decodeAuditCursor(cursor, { of: { caseId: 'iha-aaaa-bbbb' } }))?.issues).toEqual(refused);
    expect(issuesOf(() => decodeAuditCursor('not.a.cursor', selection))?.issues).toEqual(refused);
  });
});

describe('the audit as CSV', () => {
  it('numbers its rows as numbers, gives London day and time beside the instant, and never a formula', () => {
    const entry = (at: string, what: string): AuditEntry => ({
      auditId: 'a',
      at,
      actor: { userId: 'u-alex', role: 'front-door', organisation: 'riverside-council' },
      action: 'read',
      caseId: 'iha-aaaa-bbbb',
      what,
    });
    const csv = auditCsv([
      entry('2027-03-28T23:30:00.000Z', '=HYPERLINK("x")'),
      entry('2027-03-01T09:00:00.000Z', 'a, b'),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Number,Date (London),Time (London),At (UTC),User ID,Role,Organisation,Action,Case,What',
      `1,2027-03-29,00:30,2027-03-28T23:30:00.000Z,u-alex,front-door,riverside-council,Read,iha-aaaa-bbbb,"'=HYPERLINK(""x"")"`,
      '2,2027-03-01,09:00,2027-03-01T09:00:00.000Z,u-alex,front-door,riverside-council,Read,iha-aaaa-bbbb,"a, b"',
      '',
    ]);
  });
});
