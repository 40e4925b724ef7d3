/**
 * The messages a simulated year delivered, one line each, named so that the same year run again (with
 * faults or without) names each the same. A case's id and code are made afresh in every run, so a case is
 * named by what it holds (its process, when it opened, its details: all drawn from the seed); a message by
 * its case, the instant it is about, its recipient and its subject (the case code in it replaced).
 * Two runs delivered exactly the same messages, each once, when their lines are equal.
 */
import { createHash } from 'node:crypto';
import type { CaseRecord, OutboxMessage } from '#core/process/model';

/** A case named by what it holds, the same in every run of the same seed. */
export function caseName(record: Pick<CaseRecord, 'process' | 'openedAt' | 'details'>): string {
  const digest = createHash('sha256').update(JSON.stringify(record.details)).digest('hex').slice(0, 16);
  return `${record.process}@${record.openedAt}#${digest}`;
}

/** Every delivered message as a line (sorted); a message of a case not among `cases` names the case by id. */
export function deliveryLines(messages: readonly OutboxMessage[], cases: readonly CaseRecord[]): string[] {
  const names = new Map(cases.map((c) => [c.caseId, caseName(c)]));
  return messages
    .map((m) =>
      [
        names.get(m.caseId) ?? `case ${m.caseId}`,
        m.dueAt ?? m.createdAt,
        m.recipientRole,
        m.address,
        m.subject.replaceAll(m.caseCode, '<case code>'),
      ].join(' | '),
    )
    .sort();
}

/** Lines found more than once (a message delivered twice). */
export function repeated(lines: readonly string[]): string[] {
  return lines.filter((line, i) => i > 0 && line === lines[i - 1]);
}
