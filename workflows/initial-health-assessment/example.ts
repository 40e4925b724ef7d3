/**
 * An example record of a child entering care (fictional), with the partnership's demo directory.
 * Tests, the benchmark and the demo data start from it and change only what they are about.
 */
export function exampleEntryIntoCare(overrides: Record<string, unknown> = {}) {
  return {
    caseReference: 'RCC-1001',
    child: { name: 'Test Child', dateOfBirth: '2015-06-01' },
    enteredCareAt: '2026-12-14T10:00:00Z',
    legalBasis: 'section20',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    icb: 'riverside-icb',
    socialWorker: { name: 'Sam Okafor', email: 'sam.okafor@riverside.example.gov.uk' },
    socialWorkManager: { name: 'Ruth Green', email: 'ruth.green@riverside.example.gov.uk' },
    ...overrides,
  };
}
