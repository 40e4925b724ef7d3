import { describe, expect, it } from 'vitest';
import { internalErrors } from './lambda';
import { invalid, notPermitted, Problem, type RefusalAudit } from './problem';
import { json } from './responses';
import { answerProblems } from './router';

describe('a Problem is answered as RFC 9457 application/problem+json', () => {
  it('has type, title (the status phrase), status, detail, code and issues, then any extra members', () => {
    // Prepare
    const problem = new Problem(400, 'ruleNotMet', 'The record is not valid', {
      issues: [{ path: 'child.dateOfBirth', message: 'must be before today' }],
      extra: { eventId: 'evt-1' },
      headers: { 'retry-after': '2' },
    });
    // Act
    const answer = problem.response();
    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.headers).toEqual({
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      'retry-after': '2',
    });
    expect(Object.entries(JSON.parse(answer.body as string))).toEqual([
      ['type', 'about:blank'],
      ['title', 'Bad Request'],
      ['status', 400],
      ['detail', 'The record is not valid'],
      ['code', 'ruleNotMet'],
      ['issues', [{ path: 'child.dateOfBirth', message: 'must be before today' }]],
      ['eventId', 'evt-1'],
    ]);
  });

  it('always has issues, empty when no field is at fault', () => {
    expect(new Problem(404, 'caseNotFound', 'There is no case iha-a1b2-c3d4').body()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'There is no case iha-a1b2-c3d4',
      code: 'caseNotFound',
      issues: [],
    });
  });

  it('refuses an extra member in place of a standard one, and a status the API does not answer with', () => {
    expect(() => new Problem(400, 'x', 'y', { extra: { code: 'other' } })).toThrow(/may not replace code/);
    expect(() => new Problem(400, 'x', 'y', { extra: { detail: 'other', type: 'z' } })).toThrow(
      /may not replace type, detail|may not replace detail, type/,
    );
    expect(() => new Problem(418, 'teapot', 'No')).toThrow(/not 418/);
  });

  it('audited: the same answer byte for byte, with the refusal to audit beside it', () => {
    // Prepare
    const notFound = new Problem(404, 'caseNotFound', 'There is no case iha-a1b2-c3d4');
    // Act
    const refused = notFound.audited('case record: not permitted', 'iha-a1b2-c3d4');
    // Assess
    expect(refused.response()).toEqual(notFound.response());
    expect(notFound.audits).toEqual([]);
    expect(refused.audits).toEqual([{ what: 'case record: not permitted', caseId: 'iha-a1b2-c3d4' }]);
    expect(refused.withAudits([{ what: 'another' }]).audits).toHaveLength(2);
  });

  it('notPermitted is a 403 audited with what was refused; invalid a 400 with its issues', () => {
    const refused = notPermitted('figures: not permitted', 'Figures are not available to your role', {
      issues: [{ path: 'healthProvider', message: 'must be your organisation' }],
    });
    expect([refused.status, refused.code, refused.audits]).toEqual([
      403,
      'notPermitted',
      [{ what: 'figures: not permitted' }],
    ]);
    const bad = invalid('invalidQuery', 'Say which', [{ path: 'la', message: 'is required' }], { hint: 1 });
    expect(bad.body()).toMatchObject({ status: 400, code: 'invalidQuery', issues: [{ path: 'la' }], hint: 1 });
  });
});

describe('the error middleware', () => {
  it('answers a Problem thrown anywhere below it, auditing each refusal it carries first', async () => {
    // Prepare
    const audited: RefusalAudit[] = [];
    const order: string[] = [];
    const refusal = new Problem(404, 'eventNotFound', 'No outcome').audited('outcome of event e: none recorded');
    // Act
    const answer = await answerProblems(
      async () => {
        throw refusal.withAudits([{ what: 'second', caseId: 'iha-a1b2-c3d4' }]);
      },
      async (audit) => {
        audited.push(audit);
        order.push('audit');
      },
    );
    order.push('answered');
    // Assess
    expect(answer).toEqual(refusal.response());
    expect(audited).toEqual([
      { what: 'outcome of event e: none recorded' },
      { what: 'second', caseId: 'iha-a1b2-c3d4' },
    ]);
    expect(order).toEqual(['audit', 'audit', 'answered']);
  });

  it('passes an answer through, and any other error on (not answered, not audited)', async () => {
    const ok = json(200, { fine: true });
    expect(
      await answerProblems(
        async () => ok,
        async () => {},
      ),
    ).toBe(ok);
    const failure = new TypeError('a bug');
    await expect(
      answerProblems(
        async () => {
          throw failure;
        },
        async () => {
          throw new Error('must not audit');
        },
      ),
    ).rejects.toBe(failure);
  });

  it('the Lambda answers any other error as a 500 problem that says nothing of it', async () => {
    // Prepare: what middy hands an onError middleware
    const request: { error: unknown; response: unknown } = {
      error: new Error('Child Ava Thompson, born 2019-05-04, could not be read'),
      response: undefined,
    };
    // Act
    await internalErrors.onError(request);
    // Assess
    const answer = request.response as ReturnType<Problem['response']>;
    expect(answer.statusCode).toBe(500);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(answer.body as string)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side; nothing was half-recorded. Please try again.',
      code: 'internalError',
      issues: [],
    });
    expect(answer.body).not.toContain('Ava');
  });
});
