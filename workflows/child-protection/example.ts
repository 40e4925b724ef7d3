/**
 * Example payloads of a referral, a strategy discussion and an initial conference (fictional), for tests,
 * the demo and the walkthrough.
 */

export const socialWorker = { name: 'Sam Okafor', email: 'sam.okafor@riverside.example.gov.uk' };
export const manager = { name: 'Taylor Green', email: 'taylor.green@riverside.example.gov.uk' };
export const chair = { name: 'Jordan Ellis', email: 'jordan.ellis@riverside.example.gov.uk' };
export const leadPractitioner = { ...socialWorker, socialWorker: true as const };

export function exampleReferral(overrides: Record<string, unknown> = {}) {
  return {
    caseReference: 'RCC-CP-1001',
    child: { name: 'Test Child', dateOfBirth: '2018-02-11' },
    receivedAt: '2026-12-21T10:00:00Z',
    source: 'education',
    ...overrides,
  };
}

export function exampleStrategyDiscussion(heldAt: string, overrides: Record<string, unknown> = {}) {
  return {
    heldAt,
    agencies: ['council', 'police', 'health', 'education'],
    section47Enquiry: true,
    socialWorker,
    manager,
    ...overrides,
  };
}

export function exampleInitialConference(heldOn: string, overrides: Record<string, unknown> = {}) {
  return { heldOn, chair, childProtectionPlan: true, leadPractitioner, manager, previousPlans: 0, ...overrides };
}
