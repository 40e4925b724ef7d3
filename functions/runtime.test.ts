import { describe, expect, it } from 'vitest';
import { partnership, partnershipAt, runtimeFromEnvironment } from './runtime';

describe("the runtime's partnership", () => {
  it("links messages to the pages' address when infra gives one (PAGES_BASE_URL), without a trailing slash", () => {
    expect(partnershipAt(partnership, 'https://abc.execute-api.eu-west-2.amazonaws.com/').signInUrl).toBe(
      'https://abc.execute-api.eu-west-2.amazonaws.com',
    );
    expect(partnershipAt(partnership, undefined)).toBe(partnership);
    const runtime = runtimeFromEnvironment({
      TABLE_NAME: 't',
      CASE_CODE_KEY: 'k',
      PAGES_BASE_URL: 'https://pages.example.gov.uk',
    });
    expect(runtime.partnership.signInUrl).toBe('https://pages.example.gov.uk');
    expect(runtime.partnership.organisations).toBe(partnership.organisations);
  });
});
