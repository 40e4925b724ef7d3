/**
 * Who a verified token is: people by their role group and organisation; a police force's case system
 * by its app client id (client credentials) and the righttime/police scope; anything else nobody.
 */
import { describe, expect, it } from 'vitest';
import { actorFromClaims, type Claims, FEEDS_SCOPE, machineClientsFrom, POLICE_SCOPE } from './claims';

const POLICE_CLIENT = '4d1jm6n3k0v8q2example0police';
const WEB_CLIENT = '7f2abcexample0webclient0pages';
const machineClients = { [POLICE_CLIENT]: 'riverside-police' };

/** A Cognito access token from the client-credentials flow, as API Gateway's JWT authorizer passes its claims. */
const caseSystemToken: Claims = {
  sub: POLICE_CLIENT,
  token_use: 'access',
  scope: 'righttime/police',
  auth_time: 1767225600,
  iss: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
  exp: 1767229200,
  iat: 1767225600,
  version: 2,
  jti: '0b6b3c1e-example',
  client_id: POLICE_CLIENT,
};

/** A person's ID token (the pages send it): groups, organisation and school are on it. */
const keyAdultIdToken: Claims = {
  sub: 'u-s',
  token_use: 'id',
  aud: WEB_CLIENT,
  name: 'Kim Walsh',
  email: 'kim.walsh@riverside-primary.example.sch.uk',
  'cognito:groups': ['school-key-adult'],
  'custom:organisation': 'riverside-primary',
  'custom:schoolUrn': '100001',
};

/** The same person's access token: groups and scopes, but no custom attributes. */
const keyAdultAccessToken: Claims = {
  sub: 'u-s',
  token_use: 'access',
  client_id: WEB_CLIENT,
  username: 'u-s',
  scope: 'aws.cognito.signin.user.admin',
  'cognito:groups': ['school-key-adult'],
};

describe('a police case system (client credentials)', () => {
  it('is the police role of its organisation, known by its client id', () => {
    // Act
    const actor = actorFromClaims(caseSystemToken, machineClients);
    // Assess
    expect(actor).toEqual({
      kind: 'system',
      userId: `client:${POLICE_CLIENT}`,
      name: 'riverside-police case system',
      role: 'police',
      organisation: 'riverside-police',
    });
  });

  it.each<[string, string | string[]]>([
    ['among other scopes', 'righttime/other righttime/police'],
    ['as API Gateway flattens a list', '[righttime/police other/scope]'],
    ['as an array', ['righttime/police']],
  ])('is recognised with the police scope %s', (_how, scope) => {
    expect(actorFromClaims({ ...caseSystemToken, scope }, machineClients)?.role).toBe('police');
  });

  it.each<[string, Claims, Record<string, string>]>([
    ['an unknown client', { ...caseSystemToken, client_id: 'someone-else', sub: 'someone-else' }, machineClients],
    ['a known client when no case systems are configured', caseSystemToken, {}],
    [
      'a client id that is only an inherited property name',
      { ...caseSystemToken, client_id: 'constructor' },
      machineClients,
    ],
    ['no scope', { ...caseSystemToken, scope: undefined }, machineClients],
    ['another scope only', { ...caseSystemToken, scope: 'righttime/other' }, machineClients],
    [
      'a scope that merely contains the police scope',
      { ...caseSystemToken, scope: 'righttime/police-admin' },
      machineClients,
    ],
    ['an ID token, not an access token', { ...caseSystemToken, token_use: 'id' }, machineClients],
    ['no token_use', { ...caseSystemToken, token_use: undefined }, machineClients],
    ['an empty organisation in the configuration', caseSystemToken, { [POLICE_CLIENT]: '' }],
  ])('is refused with %s', (_why, claims, clients) => {
    expect(actorFromClaims(claims, clients)).toBeUndefined();
  });

  it('cannot borrow a role group or organisation claim to become someone else', () => {
    // Prepare: a token of the case-system client that also names a group and an organisation.
    const claims = {
      ...caseSystemToken,
      'cognito:groups': ['administrator'],
      'custom:organisation': 'riverside-council',
    };
    // Act / Assess: still the police case system of its own organisation.
    expect(actorFromClaims(claims, machineClients)).toMatchObject({
      role: 'police',
      organisation: 'riverside-police',
      kind: 'system',
    });
  });

  it('uses the scope Cognito writes: <resource server>/<scope>', () => {
    expect(POLICE_SCOPE).toBe('righttime/police');
  });
});

describe("a council's case system (client credentials, the feeds scope)", () => {
  const COUNCIL_CLIENT = '9c3example0council0casesystem';
  const clients = { ...machineClients, [COUNCIL_CLIENT]: 'riverside-council' };
  const councilToken: Claims = {
    ...caseSystemToken,
    sub: COUNCIL_CLIENT,
    client_id: COUNCIL_CLIENT,
    scope: FEEDS_SCOPE,
  };

  it('is the case-system role of its council, known by its client id', () => {
    expect(FEEDS_SCOPE).toBe('righttime/feeds');
    expect(actorFromClaims(councilToken, clients)).toEqual({
      kind: 'system',
      userId: `client:${COUNCIL_CLIENT}`,
      name: 'riverside-council case system',
      role: 'case-system',
      organisation: 'riverside-council',
    });
  });

  it.each([
    ['no scope of ours', { ...councilToken, scope: 'righttime/other' }],
    ['a scope that merely contains the feeds scope', { ...councilToken, scope: 'righttime/feeds-admin' }],
  ])('is refused with %s', (_why, claims) => {
    expect(actorFromClaims(claims, clients)).toBeUndefined();
  });
});

describe('people, as before', () => {
  it('are the role of their group in their organisation, with their school', () => {
    expect(actorFromClaims(keyAdultIdToken, machineClients)).toEqual({
      kind: 'person',
      userId: 'u-s',
      name: 'Kim Walsh',
      role: 'school-key-adult',
      organisation: 'riverside-primary',
      schoolUrn: '100001',
    });
  });

  it.each<[string, unknown]>([
    ['an array', ['school-key-adult']],
    ["API Gateway's flattened list of one", '[school-key-adult]'],
    ["API Gateway's flattened list of several", '[volunteers school-key-adult]'],
  ])('have their groups read from %s', (_how, groups) => {
    expect(actorFromClaims({ ...keyAdultIdToken, 'cognito:groups': groups })?.role).toBe('school-key-adult');
  });

  it.each<[string, unknown, string, string | undefined]>([
    ["an organisation's administrator", ['administrator'], 'riverside-health', 'administrator'],
    [
      'the partnership administrator',
      ['partnership-administrator'],
      'riverside-partnership',
      'partnership-administrator',
    ],
    [
      "API Gateway's flattened partnership administrator",
      '[partnership-administrator]',
      'riverside-partnership',
      'partnership-administrator',
    ],
    [
      'two role groups at once (which would depend on the order)',
      ['administrator', 'partnership-administrator'],
      'riverside-council',
      undefined,
    ],
  ])('administrators: %s', (_who, groups, organisation, role) => {
    // Act
    const actor = actorFromClaims(
      {
        ...keyAdultIdToken,
        'custom:schoolUrn': undefined,
        'cognito:groups': groups,
        'custom:organisation': organisation,
      },
      machineClients,
    );
    // Assess
    expect(actor?.role).toBe(role);
    if (role) expect(actor).toMatchObject({ kind: 'person', organisation });
  });

  it('are known without any case systems configured (the default)', () => {
    expect(actorFromClaims(keyAdultIdToken)?.userId).toBe('u-s');
  });

  it.each<[string, Claims]>([
    ["a person's access token (groups, but no organisation)", keyAdultAccessToken],
    [
      "a person's access token with API Gateway's flattened groups",
      { ...keyAdultAccessToken, 'cognito:groups': '[school-key-adult]' },
    ],
    ['no role group', { ...keyAdultIdToken, 'cognito:groups': ['volunteers'] }],
    ['no groups at all', { ...keyAdultIdToken, 'cognito:groups': undefined }],
    ['an empty organisation', { ...keyAdultIdToken, 'custom:organisation': '' }],
    ['no subject', { ...keyAdultIdToken, sub: undefined }],
  ])('are not signed in with %s', (_why, claims) => {
    expect(actorFromClaims(claims, machineClients)).toBeUndefined();
  });

  it('gain nothing from the police scope without a case-system client id', () => {
    // A person's access token cannot ask for righttime/police (the people's client has no OAuth), and
    // even if one carried it, it is not a case system's token and has no organisation.
    expect(actorFromClaims({ ...keyAdultAccessToken, scope: 'righttime/police' }, machineClients)).toBeUndefined();
  });
});

describe('nobody', () => {
  it('is behind a request without claims', () => {
    expect(actorFromClaims(undefined, machineClients)).toBeUndefined();
    expect(actorFromClaims({}, machineClients)).toBeUndefined();
  });
});

describe('MACHINE_CLIENTS', () => {
  it('maps client ids to organisations, and is empty when unset', () => {
    expect(machineClientsFrom(JSON.stringify(machineClients))).toEqual(machineClients);
    expect(machineClientsFrom(undefined)).toEqual({});
    expect(machineClientsFrom('')).toEqual({});
  });

  it.each([
    ['not JSON', 'riverside-police'],
    ['a list', '["a"]'],
    ['an organisation that is not a string', '{"a":1}'],
    ['an empty organisation', '{"a":""}'],
    ['null', 'null'],
  ])('is refused when %s', (_why, value) => {
    expect(() => machineClientsFrom(value)).toThrow();
  });
});
