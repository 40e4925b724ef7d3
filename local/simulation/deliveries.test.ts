import { describe, expect, it } from 'vitest';
import type { CaseRecord, OutboxMessage } from '#core/process/model';
import { caseName, deliveryLines, repeated } from './deliveries';

const record = (caseId: string, details: unknown) =>
  ({ caseId, process: 'operation-encompass', openedAt: '2026-01-14T02:00:00.000Z', details }) as CaseRecord;

const message = (caseId: string, caseCode: string, messageId: string): OutboxMessage => ({
  messageId,
  caseId,
  caseCode,
  recipientRole: 'keyAdult',
  address: 'taylor.cole@ashford1.example.sch.uk',
  subject: `Operation Encompass notification ${caseCode}`,
  body: `Case ${caseCode}`,
  createdAt: '2026-01-14T02:00:00.000Z',
  dueAt: '2026-01-14T08:45:00.000Z',
});

describe('deliveries named across runs', () => {
  it('names a case by what it holds, not its id', () => {
    // Prepare: the same case as two runs store it (fresh ids), and a case with other details.
    const first = record('c-1', { school: '100001', child: { name: 'Sam' } });
    const again = record('c-9', { school: '100001', child: { name: 'Sam' } });
    const other = record('c-2', { school: '100002', child: { name: 'Sam' } });

    // Assess: the same name for the same details, another for other details.
    expect(caseName(first)).toBe(caseName(again));
    expect(caseName(first)).not.toBe(caseName(other));
  });

  it('writes the same lines for the same messages of two runs, the case code replaced', () => {
    // Act: one run's message, and the other run's (another case id, code and message id).
    const a = deliveryLines([message('c-1', 'ABC123', 'm-1')], [record('c-1', { k: 1 })]);
    const b = deliveryLines([message('c-9', 'XYZ789', 'm-7')], [record('c-9', { k: 1 })]);

    // Assess
    expect(a).toEqual(b);
    expect(a[0]).toContain('<case code>');
    expect(a[0]).not.toContain('ABC123');
  });

  it('finds a message delivered twice', () => {
    const lines = deliveryLines(
      [message('c-1', 'ABC123', 'm-1'), message('c-1', 'ABC123', 'm-2'), message('c-2', 'DEF456', 'm-3')],
      [record('c-1', { k: 1 }), record('c-2', { k: 2 })],
    );
    expect(repeated(lines)).toHaveLength(1);
    expect(repeated(lines)[0]).toContain('operation-encompass@');
    expect(repeated([...new Set(lines)])).toEqual([]);
  });
});
