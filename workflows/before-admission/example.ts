/**
 * An example record of a young person rated at risk of admission (fictional), for tests, the demo and
 * the walkthrough.
 */

export const keyWorker = { name: 'Jo Adeyemi', email: 'jo.adeyemi@riverside-health.example.nhs.uk' };

export function exampleAtRisk(overrides: Record<string, unknown> = {}) {
  return {
    caseReference: 'CAMHS-4001',
    youngPerson: { name: 'Rowan Price', dateOfBirth: '2012-05-14' },
    ratedAt: '2026-12-21T10:00:00Z',
    rating: 'red',
    healthProvider: 'riverside-health',
    localAuthority: 'riverside-council',
    ...overrides,
  };
}
