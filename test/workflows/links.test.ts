/** Links in messages point at the pages (/app/…) where the platform runs (PORT), not at a fixed address or the JSON API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

describe('links in messages', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({
      startAt: new Date('2026-10-05T09:00:00Z'),
      frozen: true,
      publicUrl: 'http://127.0.0.1:9099',
    });
  });
  afterAll(async () => platform?.stop());

  it('point at the platform’s own address and port', async () => {
    // Act
    const opened = await platform.api(
      apiEvent(
        'POST',
        '/processes/initial-health-assessment/cases',
        'alex',
        exampleEntryIntoCare({ caseReference: 'RCC-LINK-1', enteredCareAt: '2026-10-05T09:00:00Z' }),
      ),
    );
    expect(opened.statusCode).toBe(201);
    const { caseId, caseCode } = JSON.parse(opened.body as string);
    await platform.settle();
    // Assess
    const messages = platform.inbox.find({ caseCode });
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(JSON.stringify(m)).toContain(`http://127.0.0.1:9099/app/cases/${caseId}`);
      expect(JSON.stringify(m)).not.toContain('127.0.0.1:8080');
    }
  });
});
