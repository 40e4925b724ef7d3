/** Operation Encompass: the case's details, and the words and lookups every part of the process shares. */
import type { PartnershipConfig } from '#core/partnership/config';
import type { CaseChange } from '#core/process/change';
import type { SchoolSnapshot } from '#core/schools/model';

export const PROCESS_ID = 'operation-encompass';
/** What police send as the school's URN when they could not name the school. */
export const NOT_KNOWN = 'not known';

export const administratorClosureReasons = ['childLeftSchool', 'schoolNotKnown', 'other'] as const;

export interface EncompassDetails {
  forceIncidentReference: string;
  attendedAt: string;
  child: { name: string; dateOfBirth: string; present: boolean; welfareCheck: boolean } | { removed: true };
  policeContact: { name?: string; desk?: string; phone: string } | { removed: true };
  schoolUrnGiven: string;
  /** The school told (a snapshot from the directory); absent while it is being found. */
  school?: SchoolSnapshot;
  localAuthorityCode: string;
  /** Held over the school's holidays (no holiday cover) until this instant; cleared on release. */
  heldUntil?: string;
  /** Whether the notification was ever held over a holiday (kept for the figures). */
  heldOverHoliday: boolean;
  notifiedAt?: string;
  acknowledgement?: { at: string; byUserId: string; supportOffered?: boolean; beforeSchoolStart: boolean };
  redirects: { at: string; fromUrn: string; toUrn: string; reason: string }[];
  amendments: { at: string; fields: string[] }[];
  escalated: boolean;
  schoolFoundAfterWorkingDays?: number;
  detailsRemovedAt?: string;
  /** Closed by an administrator because it cannot be acknowledged (e.g. the child has left the school). */
  administratorClosure?: {
    at: string;
    byUserId: string;
    byRole: string;
    reason: (typeof administratorClosureReasons)[number];
    reasonText?: string;
  };
}

export type Change = CaseChange<EncompassDetails>;

/** The councils of a local authority, by its code. */
export function councilsFor(partnership: PartnershipConfig, laCode: string): string[] {
  return partnership.organisations
    .filter((o) => o.kind === 'council' && o.localAuthorityCode === laCode)
    .map((o) => o.id);
}
