/** The actor behind a request, from the JWT claims the authorizer verified (Cognito in AWS, the local sign-in on one machine). */
import { isRole, type Actor, type Role } from '../core/identity/actor';

export type Claims = Record<string, unknown>;

/** API Gateway's HTTP API flattens array claims to "[a b]"; Cognito tokens carry arrays. Accept both. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

export function actorFromClaims(claims: Claims | undefined): Actor | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const role = groupsOf(claims['cognito:groups']).find(isRole) as Role | undefined;
  const organisation = claims['custom:organisation'];
  if (!role || typeof organisation !== 'string' || !organisation) return undefined;
  const schoolUrn = claims['custom:schoolUrn'];
  return {
    kind: 'person',
    userId: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    role,
    organisation,
    ...(typeof schoolUrn === 'string' && schoolUrn ? { schoolUrn } : {}),
  };
}

export function emailOf(claims: Claims | undefined): string | undefined {
  return typeof claims?.email === 'string' ? claims.email : undefined;
}
