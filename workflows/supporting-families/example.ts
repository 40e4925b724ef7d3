/** Example payloads of a request for support and an allocation, for tests, the demo and the README walkthrough. */
import type { LeadPractitioner } from './details';

export function exampleRequest(overrides: Record<string, unknown> = {}) {
  return {
    requestReference: 'RFS-26-0001',
    channel: 'mashDiversion',
    requestedAt: '2026-01-02T10:00:00Z',
    consent: true,
    familyReference: 'FAM-1001',
    locality: 'north',
    family: {
      children: [
        { name: 'Mia Carter', dateOfBirth: '2016-03-09' },
        { name: 'Leo Carter', dateOfBirth: '2019-11-21' },
      ],
      adults: [{ name: 'Jess Carter', relationship: 'parent' }],
    },
    needs: ['goodEducation', 'mentalAndPhysicalHealth', 'financialStability'],
    ...overrides,
  };
}

export const councilLead: LeadPractitioner = {
  userId: 'u-sam-socialworker',
  name: 'Sam Okafor',
  email: 'sam.okafor@riverside.example.gov.uk',
  organisation: 'riverside-council',
  socialWorker: true,
};
export const schoolLead: LeadPractitioner = {
  userId: 'u-ella-schoollead',
  name: 'Ella Brooks',
  email: 'ella.brooks@riverside-primary.example.sch.uk',
  organisation: 'riverside-primary',
  socialWorker: false,
  schoolUrn: '100001',
};
/**
 * What the API looks up for an allocation to the school lead (events.ts LEAD_SCHOOL):
 * Riverside Primary in the school directory.
 */
export const schoolLeadContext = {
  leadPractitionerSchool: { urn: '100001', name: 'Riverside Primary School', localAuthorityCode: '330' },
};
export const teamLeader = { name: 'Taylor Green', email: 'taylor.green@riverside.example.gov.uk' };
export const schoolManager = { name: 'Pat Reid', email: 'pat.reid@riverside-primary.example.sch.uk' };

export function exampleAllocation(
  allocatedAt: string,
  leadPractitioner: LeadPractitioner = councilLead,
  manager = teamLeader,
) {
  return { allocatedAt, leadPractitioner, manager };
}
