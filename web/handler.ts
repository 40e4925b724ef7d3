/**
 * The pages' Lambda, behind the same HTTP API as the JSON API (`/app` and `/app/{proxy+}`, without the
 * JWT authorizer: a browser carries a session cookie, not a bearer token). People sign in with Cognito's
 * hosted sign-in (authorisation code flow with PKCE); the pages call the API's own handler in-process
 * with the claims of the verified ID token, so the same rules decide what each person sees.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { figureReports } from '#functions/api/figures';
import { apiFromEnvironment } from '#functions/api/handler';
import { schoolImports } from '#functions/api/school-imports';
import { errorKind, logger } from '#functions/observability';
import { lazy, runtimeFromEnvironment } from '#functions/runtime';
import { createWeb, type WebHandler } from './app';
import { Sessions } from './session';

/** What the stack sets (infra/web-pages.ts). */
interface WebEnvironment {
  sessionSecretArn: string;
  cognitoDomain: string;
  clientId: string;
  userPoolId: string;
  region: string;
  baseUrl: string;
}

function environment(env: NodeJS.ProcessEnv = process.env): WebEnvironment {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  return {
    sessionSecretArn: need('WEB_SESSION_SECRET_ARN'),
    cognitoDomain: need('COGNITO_DOMAIN'),
    clientId: need('PAGES_CLIENT_ID'),
    userPoolId: need('USER_POOL_ID'),
    region: need('AWS_REGION'),
    baseUrl: need('PAGES_BASE_URL').replace(/\/+$/, ''),
  };
}

/** The session key: 32 bytes derived from the Secrets Manager secret, read once per container. */
async function sessionKey(arn: string): Promise<Uint8Array> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error('the session secret is empty');
  return createHash('sha256').update(out.SecretString).digest();
}

let web: Promise<WebHandler> | undefined;
// The pages run the whole API in-process, the file imports and the figures with it.
const api = lazy(() => apiFromEnvironment({ schoolImports, figures: figureReports }));

async function makeWeb(): Promise<WebHandler> {
  const env = environment();
  const issuer = `https://cognito-idp.${env.region}.amazonaws.com/${env.userPoolId}`;
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return createWeb({
    api: (event) => api()(event),
    runtime: runtimeFromEnvironment(),
    sessions: new Sessions({ key: await sessionKey(env.sessionSecretArn), secure: true }),
    signIn: {
      kind: 'cognito',
      domain: env.cognitoDomain,
      clientId: env.clientId,
      redirectUri: `${env.baseUrl}/app/auth/callback`,
      logoutUri: `${env.baseUrl}/app/signed-out`,
      async verifyIdToken(token) {
        try {
          const { payload } = await jwtVerify(token, keys, { issuer, audience: env.clientId });
          return payload.token_use === 'id' ? (payload as Record<string, unknown>) : undefined;
        } catch {
          return undefined;
        }
      },
    },
  });
}

const BINARY = /^(image|font)\//;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    web ??= makeWeb().catch((error: unknown) => {
      web = undefined;
      throw error;
    });
    const pages = await web;
    const headers: Record<string, string | undefined> = { ...event.headers };
    // Payload v2 hands cookies over apart from the headers.
    if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
    // A body API Gateway base64-encoded (a multipart upload) stays bytes: a file's encoding is the page's to read.
    const body = event.body && event.isBase64Encoded ? new Uint8Array(Buffer.from(event.body, 'base64')) : event.body;
    const page = await pages({
      method: event.requestContext.http.method.toUpperCase(),
      path: event.rawPath,
      query: new URLSearchParams(event.rawQueryString ?? ''),
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const binary = BINARY.test(page.headers['content-type'] ?? '');
    return {
      statusCode: page.status,
      headers: page.headers,
      ...(page.cookies?.length ? { cookies: page.cookies } : {}),
      body: binary ? Buffer.from(page.body).toString('base64') : page.body.toString(),
      isBase64Encoded: binary,
    };
  } catch (error) {
    // Where it failed, never the request (it may hold personal data).
    logger.error('The pages could not answer a request', { error: errorKind(error) });
    return {
      statusCode: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: 'Sorry, there is a problem with the service. Nothing was half-recorded. Please try again.',
    };
  }
}
