/**
 * A test-only process that uses the clock engine's features no shipped process uses yet, so they can be
 * run through the synthesized state machine on DynamoDB Local (test/workflows/engine-features.test.ts):
 * - `plan`: 20 working days (a national standard, so England's bank holidays only), pausable for one of
 *   two listed reasons with a team leader's agreement; checkpoints at day 10, due (day 20), day 22;
 * - `support`: a 112-day episode with two recurring checkpoints: a check-in at 09:00 London every day
 *   while support is intensive, and a review at the end of every 7th day while it is steady;
 * - `watch`: 48 elapsed hours, pausable; checkpoints at half the length, due, 2 hours after due.
 *
 * Version 2 (engineTestProcessVersion2) differs only in one event's schema: a support level change must
 * name who reviewed it (version 1 refuses that field as unknown).
 */

import type { ClockDefinition } from '#core/clocks/model';
import { onCaseAccess } from '#core/process/access';
import { catalogueOf } from '#core/process/catalogue';
import type { CaseChange } from '#core/process/change';
import { defineEvent, handlersFor, type ProcessDefinition } from '#core/process/definition';
import type { ProcessEvent } from '#core/process/model';
import { instant, personName, reference } from '#core/schema/index';
import * as z from '#core/schema/zod';

export const ENGINE_TEST_PROCESS = 'engine-features-test';

export const supportLevels = ['intensive', 'steady', 'ended'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export interface EngineTestDetails {
  reference: string;
  level: SupportLevel;
  /** While the young person is in hospital, daily check-ins are not needed (checked when one falls due). */
  inHospital: boolean;
  reviewedBy?: string;
}

const message = (what: string) => ({
  subject: `${what} for {caseCode}`,
  body: `${what} for case {caseCode} ({clock}, due by {due}). Please sign in to see what is next: {link}`,
});

const plan: ClockDefinition = {
  id: 'plan',
  title: 'Family plan agreed',
  kind: 'workingDays',
  length: 20,
  source: { kind: 'nationalStandard', citation: 'Test standard: a plan within 20 working days' },
  owner: 'council',
  pausable: true,
  pauseReasons: { familyAskedToPause: 'The family asked to pause', childInHospital: 'The young person is in hospital' },
  checkpoints: [
    {
      id: 'plan-midway',
      kind: 'warning',
      at: { after: 10 },
      recipients: ['leadPractitioner'],
      message: message('Plan halfway point'),
    },
    {
      id: 'plan-due',
      kind: 'due',
      at: { due: true },
      recipients: ['leadPractitioner', 'teamLeader'],
      message: message('Plan due'),
    },
    {
      id: 'plan-escalation',
      kind: 'escalation',
      at: { after: 22 },
      recipients: ['teamLeader'],
      message: message('Plan still to agree'),
    },
  ],
};

const support: ClockDefinition = {
  id: 'support',
  title: 'Episode of support',
  kind: 'calendarDays',
  length: 112,
  source: { kind: 'localTarget', citation: 'Test target: 16 weeks of support' },
  owner: 'council',
  pausable: false,
  checkpoints: [
    {
      id: 'daily-check-in',
      kind: 'warning',
      at: { every: 1, unit: 'days', whileCase: 'dailyCheckIns', atTime: '09:00' },
      recipients: ['leadPractitioner'],
      message: message('Daily check-in {occurrence}'),
    },
    {
      id: 'weekly-review',
      kind: 'warning',
      at: { every: 7, unit: 'days', whileCase: 'weeklyReviews' },
      recipients: ['leadPractitioner'],
      message: message('Weekly review {occurrence}'),
    },
  ],
};

const watch: ClockDefinition = {
  id: 'watch',
  title: 'Safety check',
  kind: 'elapsedHours',
  length: 48,
  source: { kind: 'localTarget', citation: 'Test target: 48 hours' },
  owner: 'council',
  pausable: true,
  pauseReasons: { childInHospital: 'The young person is in hospital' },
  checkpoints: [
    {
      id: 'watch-half',
      kind: 'warning',
      at: { shareOfLength: 0.5 },
      recipients: ['leadPractitioner'],
      message: message('Safety check halfway'),
    },
    {
      id: 'watch-due',
      kind: 'due',
      at: { due: true },
      recipients: ['leadPractitioner'],
      message: message('Safety check due'),
    },
    {
      id: 'watch-escalation',
      kind: 'escalation',
      at: { afterDueHours: 2 },
      recipients: ['teamLeader'],
      message: message('Safety check still open'),
    },
  ],
};

const clockIds = ['plan', 'support', 'watch'] as const;
const pausableClock = z.enum(['plan', 'watch']);
type Change = CaseChange<EngineTestDetails>;
const event = defineEvent;

const opened = event({
  type: 'supportOpened',
  title: 'Support opened',
  opensCase: true,
  allowedRoles: ['front-door', 'lead-practitioner'],
  schema: z.strictObject({
    reference,
    startedAt: instant,
    clocks: z.array(z.enum(clockIds)).check(z.minLength(1)),
    level: z.enum(supportLevels),
  }),
});
const paused = event({
  type: 'clockPaused',
  title: 'Clock paused',
  allowedRoles: ['team-leader'],
  schema: z.strictObject({ clock: pausableClock, reason: z.string().check(z.minLength(1)) }),
});
const resumed = event({
  type: 'clockResumed',
  title: 'Clock resumed',
  allowedRoles: ['team-leader'],
  schema: z.strictObject({ clock: pausableClock }),
});
function levelChanged<S extends z.ZodMiniType<{ level: SupportLevel; reviewedBy?: string }>>(schema: S) {
  return event({
    type: 'supportLevelChanged',
    title: 'Support level changed',
    allowedRoles: ['lead-practitioner'],
    schema,
  });
}
const hospital = event({
  type: 'hospitalStay',
  title: 'Hospital stay',
  allowedRoles: ['lead-practitioner'],
  schema: z.strictObject({ inHospital: z.boolean() }),
});
const eventsV1 = [opened, paused, resumed, levelChanged(z.strictObject({ level: z.enum(supportLevels) })), hospital];
const eventsV2 = [
  opened,
  paused,
  resumed,
  levelChanged(z.strictObject({ level: z.enum(supportLevels), reviewedBy: personName })),
  hospital,
];

const rules = {
  supportOpened(change: Change, payload: z.output<typeof opened.schema>) {
    change.record.details = { reference: payload.reference, level: payload.level, inHospital: false };
    change.record.stage = 'open';
    for (const id of payload.clocks) change.startClock(id, { startedAt: new Date(payload.startedAt) });
  },
  clockPaused(change: Change, payload: z.output<typeof paused.schema>, e: ProcessEvent) {
    change.pauseClock(payload.clock, { reason: payload.reason, approvedBy: e.actor });
  },
  clockResumed(change: Change, payload: z.output<typeof resumed.schema>, e: ProcessEvent) {
    change.resumeClock(payload.clock, { approvedBy: e.actor });
  },
  supportLevelChanged(change: Change, payload: { level: SupportLevel; reviewedBy?: string }) {
    change.record.details = {
      ...change.details,
      level: payload.level,
      ...(payload.reviewedBy ? { reviewedBy: payload.reviewedBy } : {}),
    };
    change.replanRecurring('support');
  },
  /** On purpose, this rule does not re-plan: the engine checks a recurring checkpoint's condition when it falls due. */
  hospitalStay(change: Change, payload: z.output<typeof hospital.schema>) {
    change.record.details = { ...change.details, inHospital: payload.inHospital };
    // Back home: the daily check-ins start again from the next one after now.
    if (!payload.inHospital) change.replanRecurring('support');
  },
};

export const engineTestProcess: ProcessDefinition<EngineTestDetails> = {
  id: ENGINE_TEST_PROCESS,
  title: 'Engine features (test)',
  casePrefix: 'TST',
  clocks: [plan, support, watch],
  events: eventsV1,
  handlers: handlersFor<EngineTestDetails>()(eventsV1)(rules),
  access: onCaseAccess(['front-door', 'lead-practitioner', 'team-leader']),
  caseKeyOf: (payload: { reference: string }, organisation: string) => `${organisation}|${payload.reference}`,
  conditions: {
    dailyCheckIns: (r) => r.details.level === 'intensive' && !r.details.inHospital,
    weeklyReviews: (r) => r.details.level === 'steady',
  },
  recipients: (role) => [{ role, address: `${role}@riverside.example.gov.uk` }],
  commissionerView: (r) => ({ caseCode: r.caseCode }),
};

/** Version 2: a support level change names who reviewed it. */
export const engineTestProcessVersion2: ProcessDefinition<EngineTestDetails> = {
  ...engineTestProcess,
  version: 2,
  events: eventsV2,
  handlers: handlersFor<EngineTestDetails>()(eventsV2)(rules),
};

/** A catalogue of the test process alone (version 1): the platform synthesizes its state machine. */
export const engineTestCatalogue = catalogueOf([engineTestProcess]);

/** The same with version 2 of the test process beside version 1 (version 2 opens new cases). */
export const engineTestCatalogueWithVersion2 = catalogueOf([engineTestProcess, engineTestProcessVersion2]);
