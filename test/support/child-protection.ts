/** Drives the child protection rules in memory (test/support/process-harness.ts's harness): the people, and a case brought to a plan. */
import { expect } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import type { CpDetails } from '#workflows/child-protection/contract';
import {
  exampleInitialConference,
  exampleReferral,
  exampleStrategyDiscussion,
} from '#workflows/child-protection/example';
import * as cpParts from '#workflows/child-protection/index';
import { ProcessHarness } from './process-harness';

const childProtection = definitionOf(cpParts);

export const actors = {
  frontDoor: {
    kind: 'person',
    userId: 'u-alex-frontdoor',
    name: 'Alex Morgan',
    role: 'front-door',
    organisation: 'riverside-council',
  },
  socialWorker: {
    kind: 'person',
    userId: 'u-sam-socialworker',
    name: 'Sam Okafor',
    role: 'lead-practitioner',
    organisation: 'riverside-council',
  },
  teamLeader: {
    kind: 'person',
    userId: 'u-taylor-teamleader',
    name: 'Taylor Green',
    role: 'team-leader',
    organisation: 'riverside-council',
  },
} satisfies Record<string, Actor>;

/** Expects a decision applied, showing its answer when it is not. */
export function applied<D extends { outcome: string; response: unknown }>(decision: D): D {
  expect(decision.outcome, JSON.stringify(decision.response)).toBe('applied');
  return decision;
}

/** A referral received at `receivedAt` and a strategy discussion starting a section 47 enquiry at `discussedAt`. */
export function enquiryFrom(
  receivedAt: string,
  discussedAt: string,
  h = new ProcessHarness<CpDetails>(childProtection),
) {
  applied(h.apply('referralReceived', exampleReferral({ receivedAt }), actors.frontDoor, receivedAt));
  applied(h.apply('strategyDiscussionHeld', exampleStrategyDiscussion(discussedAt), actors.socialWorker, discussedAt));
  return h;
}

/** An enquiry as above, concluded that a conference is needed, and an initial conference on `heldOn` (recorded at `recordedAt`) that agrees a plan. */
export function planFrom(receivedAt: string, discussedAt: string, heldOn: string, recordedAt = `${heldOn}T16:00:00Z`) {
  const h = enquiryFrom(receivedAt, discussedAt);
  applied(
    h.apply(
      'section47Completed',
      { completedOn: heldOn, outcome: 'conferenceNeeded' },
      actors.socialWorker,
      recordedAt,
    ),
  );
  applied(h.apply('initialConferenceHeld', exampleInitialConference(heldOn), actors.socialWorker, recordedAt));
  return h;
}
