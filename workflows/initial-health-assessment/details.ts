/** Initial health assessment: the case's details and the words every part of the process shares. */
import type { CaseChange } from '#core/process/change';

export const PROCESS_ID = 'initial-health-assessment';

export const legalBases = [
  'section20',
  'interimCareOrder',
  'emergencyProtectionOrder',
  'policeProtection',
  'remand',
  'other',
] as const;
export const leavingCareReasons = [
  'returnedToFamily',
  'specialGuardianship',
  'childArrangementsOrder',
  'adoption',
  'careTransferredToAnotherAuthority',
  'other',
] as const;

export interface IhaDetails {
  caseReference: string;
  child: { name: string; dateOfBirth: string; nhsNumber?: string };
  enteredCareAt: string;
  legalBasis: (typeof legalBases)[number];
  legalBasisOther?: string;
  placement: { area: 'inArea' | 'outOfArea'; icb: string };
  healthProvider: string;
  icb: string;
  socialWorker: { name: string; email: string };
  socialWorkManager: { name: string; email: string };
  request?: { sentAt: string; consentIncluded: boolean; workingDaysAfterEntry: number };
  appointment?: { on: string; recordedAt: string; afterDueDate: boolean };
  assessment?: {
    completedOn: string;
    practitioner: { name: string; role?: string };
    healthPlanShared: true;
    onTime: boolean;
    delayReason?: { code: string; label: string; text?: string };
    /** Working days spent in each part of the journey, so commissioners see where delay sits. */
    segments: { councilRequest: number | null; health: number | null; total: number };
  };
  reviews: { clockId: string; dueOn: string; completedOn?: string }[];
  placementMoves: { movedOn: string; fromIcb: string; toIcb: string }[];
  leftCare?: { on: string; reason: string; reasonText?: string };
}

export type Change = CaseChange<IhaDetails>;
