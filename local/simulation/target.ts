/**
 * What the simulator needs of a platform while the stories run: its calendar and configuration, its clock
 * (moved only by the simulator), requests as people make them, and waiting until its work has settled.
 * Two implementations: the platform in this process (the default, fastest), and the platform as a child
 * process reached over loopback HTTP, which `--faults` kills and restarts (./faults.ts). Either way the
 * year is read back at the end from a platform in this process on the same store (`finish`).
 */
import type { WorkingDayCalendar } from '#core/calendar/index';
import type { PartnershipConfig } from '#core/partnership/config';
import type { ApiEvent } from '#functions/api/app';
import type { Platform } from '../platform';

/** Someone who acts in the simulation, with the claims the sign-in gives them. */
export interface Person {
  sub: string;
  name: string;
  email: string;
  role: string;
  organisation: string;
  schoolUrn?: string;
}

/** An answer as the API sent it: its status and its body's text. */
export interface RawAnswer {
  status: number;
  body?: string;
}

export interface SimulationTarget {
  readonly workingDays: WorkingDayCalendar;
  readonly partnership: PartnershipConfig;
  /** The platform's clock (only the simulator moves it). */
  now(): Date;
  /** Move the clock to `at`, each timer due on the way fired at its own instant; how many fired. */
  moveTo(at: Date): Promise<number>;
  /** A request as a person would send it (the same Idempotency-Key on every attempt of one request). */
  request(person: Person, method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<RawAnswer>;
  /** Wait until the executions running have finished. */
  idle(): Promise<void>;
  /** Wait until executions and deliveries have settled. */
  settle(): Promise<void>;
  /** The stories are done: the platform in this process, on the same store, to read the year back from. */
  finish(): Promise<Platform>;
  /** What happened to the platform on the way (faults injected), for the run's report. */
  readonly faults?: { platformKills: number; storeKills: number; retries: number };
}

/** The platform in this process: requests go to the API's handler with the claims the sign-in would give. */
export function inProcess(platform: Platform): SimulationTarget {
  return {
    workingDays: platform.runtime.workingDays,
    partnership: platform.runtime.partnership,
    now: () => platform.clock.now(),
    async moveTo(at) {
      // Only a timer due by then needs the scheduler to step through; otherwise the clock simply moves.
      const [due] = await platform.scheduler.pending(at, 1);
      if (due) return (await platform.advanceTo(at)).fired;
      platform.clock.set(at);
      return 0;
    },
    async request(person, method, path, body, idempotencyKey) {
      const result = await platform.api(eventOf(person, method, path, body, idempotencyKey));
      return { status: result.statusCode, ...(result.body ? { body: result.body as string } : {}) };
    },
    idle: () => platform.stepFunctions.idle(),
    settle: () => platform.settle(),
    finish: async () => platform,
  };
}

/** The API Gateway event of a request, with the claims the sign-in gives the person. */
export function eventOf(
  person: Person,
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): ApiEvent {
  const [rawPath, query] = path.split('?') as [string, string | undefined];
  return {
    rawPath,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    queryStringParameters: Object.fromEntries(new URLSearchParams(query ?? '')),
    isBase64Encoded: false,
    requestContext: {
      http: { method },
      authorizer: {
        jwt: {
          claims: {
            sub: person.sub,
            name: person.name,
            email: person.email,
            'cognito:groups': [person.role],
            'custom:organisation': person.organisation,
            ...(person.schoolUrn ? { 'custom:schoolUrn': person.schoolUrn } : {}),
          },
        },
      },
    },
  } as ApiEvent;
}
