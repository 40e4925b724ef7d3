/**
 * Who may sign in: a Cognito user pool with one group per role. Accounts are created by an
 * administrator (no self sign-up); everyone uses an authenticator app (TOTP) as a second factor.
 * Partner case systems (each police force's, each council's) are not people: each has its own app client
 * and gets access tokens with the OAuth2 client-credentials flow from the pool's domain, with one scope
 * only: `righttime/police` for a police force's, `righttime/feeds` (its council's feed of clock events)
 * for a council's.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '#core/identity/actor';
import type { PartnershipConfig } from '#core/partnership/config';
import { FEEDS_SCOPE_NAME, POLICE_SCOPE_NAME, RESOURCE_SERVER_ID } from '#functions/api/claims';

/** What each role's group is for, as the Cognito console shows it to whoever adds people to groups. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  'front-door': 'RightTime: front door of a council (opens cases for its organisation)',
  'lead-practitioner': 'RightTime: lead practitioner or social worker (cases of their organisation)',
  'team-leader': "RightTime: team leader (their organisation's cases; approves pauses)",
  'service-manager': "RightTime: service manager (their organisation's cases; told of long-running episodes)",
  health: 'RightTime: health staff (cases their organisation is on)',
  'designated-nurse': 'RightTime: designated nurse (cases their ICB is on; health assessment figures)',
  'school-key-adult': "RightTime: a school's Key Adult (set custom:schoolUrn; their own school only)",
  'crisis-chair': 'RightTime: crisis chair (Bronze, Silver, Gold)',
  'crisis-working-group': 'RightTime: Bronze working group (crisis figures by pseudonymous code only)',
  commissioner: 'RightTime: commissioner (figures and open clocks by pseudonymous case code only)',
  administrator:
    "RightTime: an organisation's administrator (cases their organisation is on, their audit, " +
    "their own people's actions)",
  'partnership-administrator':
    'RightTime: partnership-wide administration (the school directory, the audit by case and by person, figures)',
  police: 'RightTime: police (their force only)',
  'case-system': "RightTime: a council's case system (reads its council's feed of clock events only)",
};

/** Custom attributes an administrator sets; tokens carry them as `custom:<name>`. */
export const CUSTOM_ATTRIBUTES = { organisation: 'organisation', schoolUrn: 'schoolUrn' } as const;

/**
 * The prefix of the pool's Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`) unless
 * the context `authDomainPrefix` sets one.
 */
export const DEFAULT_AUTH_DOMAIN_PREFIX = 'righttime-auth';

/**
 * Cognito's rules for a prefix domain: lower-case letters, digits and hyphens, not starting or
 * ending with a hyphen, at most 63 characters, and none of the reserved words aws, amazon, cognito.
 * Checked at synth, so a bad context value fails there rather than half-way through a deployment.
 */
export function checkAuthDomainPrefix(prefix: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    throw new Error(
      `authDomainPrefix "${prefix}": use 1 to 63 lower-case letters, digits and hyphens, ` +
        `not starting or ending with a hyphen`,
    );
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (reserved)
    throw new Error(
      `authDomainPrefix "${prefix}": Cognito does not allow the reserved word "${reserved}" in a domain prefix`,
    );
  return prefix;
}

export interface IdentityProps {
  /** The partnership: each organisation of kind 'police' or 'council' gets a case-system app client. */
  partnership: PartnershipConfig;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  /** The people's client: the pages sign in with SRP. */
  readonly client: cognito.UserPoolClient;
  /** `<prefix>.auth.<region>.amazoncognito.com`: case systems get their tokens from its /oauth2/token. */
  readonly domain: cognito.UserPoolDomain;
  readonly resourceServer: cognito.UserPoolResourceServer;
  /** `righttime/police`: submit Operation Encompass notifications and read their status. */
  readonly policeScope: cognito.OAuthScope;
  /** `righttime/feeds`: read the council's own feed of clock events. */
  readonly feedsScope: cognito.OAuthScope;
  /** Each police force's and council's case-system client (client credentials), by organisation id. */
  readonly caseSystemClients = new Map<string, cognito.UserPoolClient>();

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (what was "advanced security") needs the Plus feature plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        [CUSTOM_ATTRIBUTES.organisation]: new cognito.StringAttribute({ minLen: 1, maxLen: 200, mutable: true }),
        [CUSTOM_ATTRIBUTES.schoolUrn]: new cognito.StringAttribute({ minLen: 6, maxLen: 8, mutable: true }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of ROLES) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
      });
    }

    // People may read their organisation and school but never write them: an administrator sets
    // them, and the API scopes what each person sees by them.
    const standard = { email: true, emailVerified: true, givenName: true, familyName: true };
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // The pages sign in with SRP against the pool; no hosted UI, so no OAuth flows (and never implicit).
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes(standard)
        .withCustomAttributes(CUSTOM_ATTRIBUTES.organisation, CUSTOM_ATTRIBUTES.schoolUrn),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
    });

    // Machine to machine: the token endpoint lives on the pool's domain.
    const domainPrefix = checkAuthDomainPrefix(
      String(this.node.tryGetContext('authDomainPrefix') ?? DEFAULT_AUTH_DOMAIN_PREFIX),
    );
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix } });

    const police = new cognito.ResourceServerScope({
      scopeName: POLICE_SCOPE_NAME,
      scopeDescription: 'submit Operation Encompass notifications and read their status',
    });
    const feeds = new cognito.ResourceServerScope({
      scopeName: FEEDS_SCOPE_NAME,
      scopeDescription: "read the council's own feed of clock events",
    });
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_ID,
      userPoolResourceServerName: 'RightTime API',
      scopes: [police, feeds],
    });
    this.policeScope = cognito.OAuthScope.resourceServer(this.resourceServer, police);
    this.feedsScope = cognito.OAuthScope.resourceServer(this.resourceServer, feeds);

    const caseSystems = props.partnership.organisations.filter((o) => o.kind === 'police' || o.kind === 'council');
    for (const organisation of caseSystems) {
      const scope = organisation.kind === 'police' ? this.policeScope : this.feedsScope;
      const client = this.userPool.addClient(`CaseSystem-${organisation.id}`, {
        userPoolClientName: `${organisation.id}-case-system`,
        // A confidential client: the force's (or council's) case system keeps the secret and exchanges it for
        // an access token (client credentials). The API maps its client id to the organisation.
        generateSecret: true,
        oAuth: { flows: { clientCredentials: true }, scopes: [scope] },
        // No user sign-in of any kind through this client: every flow off leaves only
        // ALLOW_REFRESH_TOKEN_AUTH, which is inert because client credentials issue no refresh token.
        // (Leaving authFlows out would let Cognito default to SRP and custom auth.)
        authFlows: { userPassword: false, adminUserPassword: false, userSrp: false, custom: false, user: false },
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
      });
      this.caseSystemClients.set(organisation.id, client);
    }
  }
}
