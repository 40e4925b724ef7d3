/** An example record of a child becoming looked after (fictional), for tests, the demo and the walkthrough. */

export const socialWorker = { name: 'Sam Okafor', email: 'sam.okafor@riverside.example.gov.uk' };
export const manager = { name: 'Ruth Green', email: 'ruth.green@riverside.example.gov.uk' };
export const reviewingOfficer = { name: 'Dee Carter', email: 'dee.carter@riverside.example.gov.uk' };

export function exampleLookedAfter(overrides: Record<string, unknown> = {}) {
  return {
    caseReference: 'RCC-1001',
    child: { name: 'Test Child', dateOfBirth: '2015-06-01' },
    enteredCareAt: '2026-12-22T10:00:00Z',
    placementUntilEighteen: false,
    socialWorker,
    manager,
    ...overrides,
  };
}
