/**
 * Who may sign in: a Cognito user pool with one group per role. Accounts are created by an
 * administrator (no self sign-up); everyone uses an authenticator app (TOTP) as a second factor.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../functions/core/identity/actor';

/** Custom attributes an administrator sets; tokens carry them as `custom:<name>`. */
export const CUSTOM_ATTRIBUTES = { organisation: 'organisation', schoolUrn: 'schoolUrn' } as const;

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
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
        description: `RightTime role: ${role}`,
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
  }
}
