/**
 * The actor behind a request, from the JWT claims the authorizer verified (Cognito in AWS, the local
 * sign-in on one machine). People carry a role group and an organisation; a partner's case system (a
 * police force) signs in with the OAuth2 client-credentials flow and is known by its app client id.
 */
import { type Actor, isRole, type Role } from '#core/identity/actor';

export type Claims = Record<string, unknown>;

/** The Cognito resource server the API is, and the scope police case systems are granted. */
export const RESOURCE_SERVER_ID = 'righttime';
export const POLICE_SCOPE_NAME = 'police';
/** As Cognito writes it in an access token's `scope` claim: `<resource server>/<scope>`. */
export const POLICE_SCOPE = `${RESOURCE_SERVER_ID}/${POLICE_SCOPE_NAME}`;
/** The scope a council's case system is granted: reading its council's feed of clock events. */
export const FEEDS_SCOPE_NAME = 'feeds';
export const FEEDS_SCOPE = `${RESOURCE_SERVER_ID}/${FEEDS_SCOPE_NAME}`;

/** App client id of each partner case system, and the organisation it acts for (MACHINE_CLIENTS in AWS). */
export type MachineClients = Record<string, string>;

/**
 * MACHINE_CLIENTS as the stack sets it: JSON of client id to organisation id. Unset
 * means none; anything malformed is refused.
 */
export function machineClientsFrom(json: string | undefined): MachineClients {
  if (json === undefined || json === '') return {};
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('MACHINE_CLIENTS must be a JSON object of app client id to organisation id');
  const clients: MachineClients = {};
  for (const [clientId, organisation] of Object.entries(parsed)) {
    if (typeof organisation !== 'string' || !organisation)
      throw new Error(`MACHINE_CLIENTS: client ${clientId} has no organisation`);
    clients[clientId] = organisation;
  }
  return clients;
}

/**
 * A claim holding a list. Cognito tokens carry groups as an array and scopes as one space-separated
 * string; API Gateway's HTTP API flattens array claims to "[a b]". Accept all three.
 */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
}

/**
 * A Cognito access token from the client-credentials flow of a known case system: a police force's, with
 * the police scope, or a council's, with the feeds scope (each client is granted its one scope).
 */
function machineActor(claims: Claims, machineClients: MachineClients): Actor | undefined {
  const clientId = claims.client_id;
  if (typeof clientId !== 'string' || !Object.hasOwn(machineClients, clientId)) return undefined;
  const organisation = machineClients[clientId];
  if (typeof organisation !== 'string' || !organisation) return undefined;
  const scopes = listOf(claims.scope);
  const role = scopes.includes(POLICE_SCOPE) ? 'police' : scopes.includes(FEEDS_SCOPE) ? 'case-system' : undefined;
  if (!role) return undefined;
  return {
    kind: 'system',
    userId: `client:${clientId}`,
    name: `${organisation} case system`,
    role,
    organisation,
  };
}

export function actorFromClaims(claims: Claims | undefined, machineClients: MachineClients = {}): Actor | undefined {
  if (!claims) return undefined;
  // A case system's token has no groups and no organisation claim: it is known only by its client id.
  // A person's access token comes from the people's app client, so it goes on to the checks below,
  // which refuse it: access tokens carry no custom:organisation.
  if (
    claims.token_use === 'access' &&
    typeof claims.client_id === 'string' &&
    Object.hasOwn(machineClients, claims.client_id)
  ) {
    return machineActor(claims, machineClients);
  }
  if (typeof claims.sub !== 'string') return undefined;
  // One role each: someone in two role groups (say an organisation's administrator and the partnership
  // administrator) would otherwise be whichever the token lists first, so they are not signed in.
  const roles = [...new Set(listOf(claims['cognito:groups']).filter(isRole))] as Role[];
  if (roles.length !== 1) return undefined;
  const role = roles[0];
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
