import { describe, expect, it } from 'vitest';
import { CORRELATION_ID_PATHS, valueAtPath } from './observability';

describe('valueAtPath: where each handler finds its correlation id', () => {
  it.each([
    [
      'the API: API Gateway request id',
      CORRELATION_ID_PATHS.api,
      { requestContext: { requestId: 'req-1', http: { method: 'GET' } }, body: '{"eventId":"not this"}' },
      'req-1',
    ],
    [
      'the rules step: the event id beside its payload',
      CORRELATION_ID_PATHS.decide,
      { event: { eventId: 'evt-1', payload: { eventId: 'not this' } } },
      'evt-1',
    ],
    ['the sweeper: the scheduled event id', CORRELATION_ID_PATHS.scheduled, { id: 'sched-1', detail: {} }, 'sched-1'],
    ['a path through a missing object', CORRELATION_ID_PATHS.decide, { event: null }, undefined],
    ['a path through a string', CORRELATION_ID_PATHS.api, { requestContext: 'x' }, undefined],
    ['no event at all', CORRELATION_ID_PATHS.scheduled, undefined, undefined],
  ])('%s', (_name, path, event, expected) => {
    expect(valueAtPath(path, event)).toBe(expected);
  });
});
