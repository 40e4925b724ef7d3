/**
 * Children in care, reviews and visits: the case's details and the words every part of the process
 * shares. Words describe the child's care and what is due, never blame.
 */
import type { CaseChange } from '#core/process/change';

export const PROCESS_ID = 'children-in-care';

/** Why a child left care (the same words as the initial health assessment's). */
export const leavingCareReasons = [
  'returnedToFamily',
  'specialGuardianship',
  'childArrangementsOrder',
  'adoption',
  'careTransferredToAnotherAuthority',
  'other',
] as const;
export type LeavingCareReason = (typeof leavingCareReasons)[number];
export const leavingCareWords: Record<LeavingCareReason, string> = {
  returnedToFamily: 'returned to family',
  specialGuardianship: 'special guardianship',
  childArrangementsOrder: 'child arrangements order',
  adoption: 'adoption',
  careTransferredToAnotherAuthority: 'care transferred to another local authority',
  other: 'other',
};

export interface Person {
  name: string;
  email: string;
}

export interface Placement {
  startedOn: string;
  /** Meant to last until the child is 18 (regulation 28(2)(c)(i): visits every 3 months after its first year). */
  untilEighteen: boolean;
}

export interface CicDetails {
  caseReference: string;
  child: { name: string; dateOfBirth: string };
  enteredCareAt: string;
  socialWorker: Person;
  manager: Person;
  /** The child's independent reviewing officer, who chairs each review. */
  independentReviewingOfficer?: Person;
  /** The child's initial health assessment case for the same council reference (the same child key). */
  initialHealthAssessmentCaseCode: string;
  placements: Placement[];
  reviews: { clockId: string; dueOn: string; heldOn?: string; onTime?: boolean }[];
  visits: { clockId: string; placement: number; dueOn: string; visitedOn?: string; onTime?: boolean }[];
  leftCare?: { on: string; reason: LeavingCareReason | 'turned18'; reasonText?: string };
}

export type Change = CaseChange<CicDetails>;
