/** The words pages use for roles and clock states: plain, calm, and never a label on a child or family. */
import type { ClockStateName } from '#core/clocks/state';
import type { Role } from '#core/identity/actor';

export const ROLE_WORDS: Record<Role, string> = {
  'front-door': 'front door',
  'lead-practitioner': 'lead practitioner',
  'team-leader': 'team leader',
  'service-manager': 'service manager',
  health: 'health practitioner',
  'designated-nurse': 'designated nurse',
  'school-key-adult': 'school Key Adult',
  'crisis-chair': 'crisis chair',
  'crisis-working-group': 'crisis working group member',
  commissioner: 'commissioner',
  administrator: 'administrator',
  'partnership-administrator': 'partnership administrator',
  police: 'police',
};

export const roleText = (role: string): string => ROLE_WORDS[role as Role] ?? role;

/**
 * A clock's state as pages show it: the one state the API gives every clock (core/clocks/state.ts), never
 * worked out here.
 */
export type ClockState = ClockStateName;

export const SOURCE_WORDS: Record<string, string> = {
  statutory: 'Statutory',
  nationalStandard: 'National standard',
  localTarget: 'Local target',
};
