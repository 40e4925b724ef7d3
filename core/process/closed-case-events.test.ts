/** An event whose spec says onClosedCase may be recorded on a closed case; any other is refused (409) as before. */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import type { Actor } from '../identity/actor';
import { partnershipSchema } from '../partnership/config';
import * as z from '../schema/zod';
import { onCaseAccess } from './access';
import { caseIdFor, decide } from './decide';
import { defineEvent, handlersFor, type ProcessDefinition } from './definition';
import type { CaseRecord, ProcessEvent } from './model';

type Details = { closedNote?: string; later?: string };
const events = [
  defineEvent({
    type: 'opened',
    title: 'Opened',
    schema: z.strictObject({ ref: z.string() }),
    allowedRoles: ['front-door'],
    opensCase: true,
  }),
  defineEvent({
    type: 'followUp',
    title: 'Follow-up',
    schema: z.strictObject({ note: z.string() }),
    allowedRoles: ['front-door'],
    onClosedCase: true,
  }),
  defineEvent({ type: 'ordinary', title: 'Ordinary', schema: z.strictObject({}), allowedRoles: ['front-door'] }),
];
const definition: ProcessDefinition<Details> = {
  id: 'example',
  title: 'Example',
  casePrefix: 'EX',
  clocks: [],
  events,
  handlers: handlersFor<Details>()(events)({
    opened: (c) => c.closeCase('done', c.occurredAt),
    followUp: (c, p) => {
      c.details.later = p.note;
    },
    ordinary: () => {},
  }),
  access: onCaseAccess(['front-door']),
  caseKeyOf: (p: { ref: string }) => p.ref,
  conditions: {},
  recipients: () => [],
  commissionerView: () => ({}),
};
const actor: Actor = { kind: 'person', userId: 'u', name: 'U', role: 'front-door', organisation: 'council' };
const context = {
  partnership: partnershipSchema.parse({
    id: 'p',
    name: 'P',
    signInUrl: 'http://localhost',
    organisations: [{ id: 'council', kind: 'council', name: 'C', mailboxes: {} }],
  }),
  clocks: [],
  calendars: { workingDays: createWorkingDayCalendar() },
  now: new Date('2026-06-01T10:00:00Z'),
  caseCodeKey: 'k',
};
const caseId = caseIdFor(definition, 'R1', context).caseId;
const at = '2026-06-01T10:00:00Z';
const ev = (eventId: string, type: string, payload: unknown): ProcessEvent => ({
  eventId,
  type,
  process: 'example',
  caseId,
  occurredAt: at,
  recordedAt: at,
  actor,
  payload,
});

describe('events on a closed case', () => {
  const opened = decide(definition, context, undefined, ev('e1', 'opened', { ref: 'R1' }));
  const closed = (opened as { case: CaseRecord<Details> }).case;

  it.each([
    [
      'an event marked onClosedCase is applied, and the case stays closed',
      'followUp',
      { note: 'six months on' },
      'applied',
    ],
    ['any other event is refused, 409 caseClosed', 'ordinary', {}, 'rejected'],
  ] as const)('%s', (_case, type, payload, outcome) => {
    // Prepare
    expect(closed.status).toBe('closed');
    // Act
    const decision = decide(definition, context, closed, ev('e2', type, payload));
    // Assess
    expect(decision.outcome).toBe(outcome);
    if (decision.outcome === 'applied')
      expect(decision.case).toMatchObject({ status: 'closed', details: { later: 'six months on' } });
    else expect(decision.response.rejection).toMatchObject({ status: 409, code: 'caseClosed' });
  });
});
