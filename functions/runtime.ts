/**
 * What every handler needs from its surroundings, built once per module: the partnership's
 * configuration, its calendars, the pseudonymisation key and a clock. In AWS they come from the
 * bundled configuration, environment variables and Secrets Manager; the local runtime and tests pass
 * their own (with a controllable clock).
 */
import rawPartnership from '#config/partnership.json';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '#core/calendar/index';
import { type PartnershipConfig, parsePartnership } from '#core/partnership/config';
import type { Catalogue } from '#core/process/catalogue';
import type { ProcessDefinition } from '#core/process/definition';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Runtime {
  tableName: string;
  partnership: PartnershipConfig;
  workingDays: WorkingDayCalendar;
  clock: Clock;
  caseCodeKey: () => Promise<string>;
  /**
   * The secret behind councils' child keys (core/identity/child-key.ts): the API's only. In AWS a secret
   * of its own (CHILD_KEY_SECRET_ARN); locally one made once per data folder (local/child-key-secret.ts).
   */
  childKeySecret?: () => Promise<string>;
  /** The processes and their versions (default: the shipped ones; a test may give its own catalogue). */
  catalogue?: Catalogue<ProcessDefinition>;
}

export const partnership: PartnershipConfig = parsePartnership(rawPartnership);

/**
 * The partnership's working days: working days in England (with any bank holiday proclaimed for one
 * year that the configuration adds, in every view), with each closure day kept for the organisation
 * that closes. The clock engine picks the view a clock counts (workingDaysOf): England's for statutory
 * and national clocks, the owner's for a local target.
 */
export function workingDaysFor(p: PartnershipConfig): WorkingDayCalendar {
  return createWorkingDayCalendar({ closureDays: p.closureDays, proclaimedBankHolidays: p.proclaimedBankHolidays });
}

/** Read a secret string once per container. */
function secretOnce(arn: string, what = 'the case code secret'): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () =>
    (value ??= (async () => {
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
      if (!out.SecretString) throw new Error(`${what} is empty`);
      return out.SecretString;
    })());
}

/**
 * The partnership's configuration where the pages are at `PAGES_BASE_URL` (in AWS, the HTTP API's
 * address, passed by infra): messages link to pages there, whatever the bundled `signInUrl` says.
 */
export function partnershipAt(config: PartnershipConfig, pagesBaseUrl: string | undefined): PartnershipConfig {
  return pagesBaseUrl ? { ...config, signInUrl: pagesBaseUrl.replace(/\/+$/, '') } : config;
}

export function runtimeFromEnvironment(env: NodeJS.ProcessEnv = process.env): Runtime {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const key = env.CASE_CODE_KEY;
  const secretArn = env.CASE_CODE_SECRET_ARN;
  if (!key && !secretArn) throw new Error('CASE_CODE_SECRET_ARN is not set');
  return {
    tableName,
    partnership: partnershipAt(partnership, env.PAGES_BASE_URL),
    workingDays: workingDaysFor(partnership),
    clock: systemClock,
    caseCodeKey: key ? async () => key : secretOnce(secretArn!),
    ...childKeySecretFrom(env),
  };
}

/** The child key's secret: CHILD_KEY_SECRET (a development key) or the secret at CHILD_KEY_SECRET_ARN. */
function childKeySecretFrom(env: NodeJS.ProcessEnv): Pick<Runtime, 'childKeySecret'> {
  const secret = env.CHILD_KEY_SECRET;
  if (secret) return { childKeySecret: async () => secret };
  const arn = env.CHILD_KEY_SECRET_ARN;
  return arn ? { childKeySecret: secretOnce(arn, 'the child key secret') } : {};
}

/** Build a runtime lazily, so importing a handler module in tests needs no environment. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
