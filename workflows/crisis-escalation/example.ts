/**
 * An example presentation (fictional), with the partnership's demo directory. Tests and the README
 * walkthrough start from it and change only what they are about.
 */
export function examplePresentation(overrides: Record<string, unknown> = {}) {
  return {
    caseReference: 'CAMHS-2001',
    youngPerson: { name: 'Jordan Test', dateOfBirth: '2011-03-09' },
    presentedAt: '2027-02-03T14:00:00Z',
    setting: 'paediatricWard',
    routeIn: 'crisisLine',
    urgency: 'veryUrgent',
    rating: 'red',
    autisticOrLearningDisability: false,
    healthProvider: 'riverside-health',
    localAuthority: 'riverside-council',
    ...overrides,
  };
}
