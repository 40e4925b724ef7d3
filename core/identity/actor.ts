/** Who is acting: the claims every request carries, reduced to what the domain needs. */

export const ROLES = [
  'front-door',
  'lead-practitioner',
  /** Manages lead practitioners: approves pauses, is told at week 14 and 16 of a family support episode. */
  'team-leader',
  /** Manages a service: told when a family support episode passes week 20. */
  'service-manager',
  'health',
  'designated-nurse',
  'school-key-adult',
  'crisis-chair',
  /** The Bronze working group: the system without identifying anyone (pseudonymous codes and counts only). */
  'crisis-working-group',
  'commissioner',
  /** An organisation's administrator: cases its organisation is on, and its staff's audit trail. */
  'administrator',
  /** Partnership-wide administration: the school directory, the audit by case and by person, figures. */
  'partnership-administrator',
  'police',
  /**
   * A council's case system (a machine, not a person): reads its council's feed of clock events
   * (GET /feeds/{council}/events), and nothing else.
   */
  'case-system',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  kind: 'person' | 'system';
  /** Stable subject id from the token (Cognito `sub`), or the system component's name. */
  userId: string;
  /** Display name, for the case timeline. Never written to logs. */
  name: string;
  role: Role | 'system';
  /** The organisation the person works for (a council, health provider, ICB, school, police force). */
  organisation: string;
  /** For school Key Adults: the school they act for. */
  schoolUrn?: string;
}

export const SYSTEM_TIMER: Actor = {
  kind: 'system',
  userId: 'righttime-scheduler',
  name: 'RightTime scheduler',
  role: 'system',
  organisation: 'righttime',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What the audit trail keeps of an actor: identity, role and organisation; no contact details. */
export function auditIdentity(actor: Actor) {
  return { userId: actor.userId, role: actor.role, organisation: actor.organisation };
}

/** Administration across the whole partnership (not scoped to one organisation). */
export function isPartnershipAdministrator(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'partnership-administrator';
}

/**
 * An administrator of an organisation named on a case (partnership-wide
 * administrators are not: they see no case's details).
 */
export function administersOneOf(
  actor: Pick<Actor, 'role' | 'organisation'>,
  organisations: readonly string[],
): boolean {
  return actor.role === 'administrator' && organisations.includes(actor.organisation);
}
