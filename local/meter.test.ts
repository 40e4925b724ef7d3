import { describe, expect, it } from 'vitest';
import { functionMemory, OperationsMeter } from './meter';

const memory = { Decide: 512, Api: 512, Figures: 512, Imports: 1024, Notifier: 512 };
const body = (o: unknown) => ({ statusCode: 200, body: JSON.stringify(o) });

describe('the operations meter', () => {
  it("reads each function's configured memory from the template, Lambda's 128 MB when none is set", () => {
    const fn = (MemorySize?: number) => ({
      Type: 'AWS::Lambda::Function',
      Properties: MemorySize ? { MemorySize } : {},
    });
    expect(
      functionMemory({
        Resources: {
          DecideFunction12AB: fn(512),
          ImportsFunctionCD: fn(1024),
          NotifierFunctionEF: fn(),
          DecideFunctionRole: { Type: 'AWS::IAM::Role', Properties: {} },
        },
      }),
    ).toEqual({ Decide: 512, Imports: 1024, Notifier: 128 });
  });

  it('counts an execution started inside an API request as synchronous, and the request as its process', async () => {
    const meter = new OperationsMeter(memory, { a: 10_000 });
    await meter.apiRequest('Api', 100, async () => {
      await meter.execution('a', { event: { caseId: 'case-1' } }, async () => {
        await meter.lambda('Decide', async () => undefined);
        meter.task('create');
      });
      return body({ caseId: 'case-1' });
    });
    const a = meter.byProcess.a!;
    expect(a.express).toMatchObject({ sync: 1, async: 0, billedMs: 100 });
    expect(a.express.gbSeconds).toBeCloseTo(0.1 / 16, 10);
    expect(a.lambda.Decide!.invocations).toBe(1);
    expect(a.lambda.Api!.invocations).toBe(1);
    expect(a.apiRequests).toBe(1);
    expect(a.schedules.created).toBe(1);
    expect(meter.shared.apiRequests).toBe(0);
  });

  it('counts an execution started outside a request (a wake-up) as asynchronous, and fired', async () => {
    const meter = new OperationsMeter(memory);
    meter.scheduleFired('b');
    await meter.execution('b', { event: { caseId: 'case-2' } }, async () => meter.task('delete'));
    expect(meter.byProcess.b!.express).toMatchObject({ sync: 0, async: 1 });
    expect(meter.byProcess.b!.schedules).toMatchObject({ deleted: 1, invocations: 1 });
  });

  it("gives a case's read to its process, the figures to the shared, a message to its case's process", async () => {
    const meter = new OperationsMeter(memory);
    await meter.execution('a', { event: { caseId: 'case-1' } }, async () => undefined);
    await meter.apiRequest('Api', 10, async () => body({ caseId: 'case-1', events: [] }));
    await meter.apiRequest('Figures', 10, async () => body({ process: 'a' }));
    await meter.apiRequest('Api', 10, async () => body({ cases: [] }));
    await meter.delivery(
      'case-1',
      async () => 'sent',
      (o) => o === 'sent',
    );
    await meter.delivery(
      'case-1',
      async () => 'already',
      (o) => o === 'sent',
    );
    expect(meter.byProcess.a!.apiRequests).toBe(1);
    expect(meter.shared.apiRequests).toBe(2);
    expect(meter.shared.lambda.Figures!.invocations).toBe(1);
    expect(meter.byProcess.a!.lambda.Notifier!.invocations).toBe(2);
    expect(meter.byProcess.a!.messages).toBe(1);
  });

  it('refuses a function whose memory it does not know, rather than pricing it at nothing', async () => {
    const meter = new OperationsMeter({});
    await expect(meter.lambda('Decide', async () => 1)).rejects.toThrow(/No configured memory for the function Decide/);
  });
});
