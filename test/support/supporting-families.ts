/** Drives the Supporting Families rules in memory (test/support/process-harness.ts's harness): the people and an episode started. */
import { expect } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import type { SfDetails } from '#workflows/supporting-families/contract';
import { exampleAllocation, exampleRequest } from '#workflows/supporting-families/example';
import * as sfParts from '#workflows/supporting-families/index';
import { ProcessHarness } from './process-harness';

const familyHelp = definitionOf(sfParts, 2);
const supportingFamilies = definitionOf(sfParts, 1);

export const actors = {
  frontDoor: {
    kind: 'person',
    userId: 'u-alex-frontdoor',
    name: 'Alex Morgan',
    role: 'front-door',
    organisation: 'riverside-council',
  },
  teamLeader: {
    kind: 'person',
    userId: 'u-taylor-teamleader',
    name: 'Taylor Green',
    role: 'team-leader',
    organisation: 'riverside-council',
  },
  lead: {
    kind: 'person',
    userId: 'u-sam-socialworker',
    name: 'Sam Okafor',
    role: 'lead-practitioner',
    organisation: 'riverside-council',
  },
} satisfies Record<string, Actor>;

/** An episode allocated at `allocatedAt` (requested and decided the working day before, or the same day). */
export function episodeFrom(allocatedAt: string, definition = supportingFamilies, requestedAt = allocatedAt) {
  const h = new ProcessHarness<SfDetails>(definition);
  expect(h.apply('requestForSupport', exampleRequest({ requestedAt }), actors.frontDoor, requestedAt).outcome).toBe(
    'applied',
  );
  expect(
    h.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs; the family want help together' },
      actors.frontDoor,
      requestedAt,
    ).outcome,
  ).toBe('applied');
  const allocated = h.apply(
    'leadPractitionerAllocated',
    exampleAllocation(allocatedAt),
    actors.teamLeader,
    allocatedAt,
  );
  expect(allocated.outcome, JSON.stringify(allocated.response)).toBe('applied');
  return h;
}

/** A Family Help episode requested at `requestedAt`, decided half an hour later, allocated at `allocatedAt`. */
export function familyHelpEpisode(
  requestedAt: string,
  allocatedAt: string,
  childInNeed = false,
  h = new ProcessHarness<SfDetails>(familyHelp),
) {
  expect(h.apply('requestForSupport', exampleRequest({ requestedAt }), actors.frontDoor, requestedAt).outcome).toBe(
    'applied',
  );
  const decidedAt = new Date(Date.parse(requestedAt) + 30 * 60_000).toISOString();
  expect(
    h.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs', childInNeed },
      actors.frontDoor,
      decidedAt,
    ).outcome,
  ).toBe('applied');
  expect(
    h.apply('leadPractitionerAllocated', exampleAllocation(allocatedAt), actors.teamLeader, allocatedAt).outcome,
  ).toBe('applied');
  return h;
}
