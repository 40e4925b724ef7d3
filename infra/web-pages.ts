/**
 * The pages (web/): their own Lambda behind the same HTTP API, on `/app` and `/app/{proxy+}` (the JSON
 * API keeps every other path and its JWT authorizer). People sign in through Cognito's hosted sign-in
 * with its own app client (authorisation code flow with PKCE, no client secret in a browser or the
 * function); the function keeps the session in an encrypted cookie whose key is a Secrets Manager
 * secret, and calls the API's handler in-process as the signed-in person, so it needs what the API
 * function needs (granted by the stack) and no more.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import type { RightTimeHttpApi } from './http-api';
import { CUSTOM_ATTRIBUTES, type Identity } from './identity';
import { acknowledge } from './nag';

export interface WebPagesProps {
  projectRoot: string;
  logKey: kms.IKey;
  httpApi: RightTimeHttpApi;
  identity: Identity;
  /** The API function's environment (table, state machines, case code secret): the pages run the same API. */
  apiEnvironment: Record<string, string>;
  /** Grant the pages' role what the API function's role has. */
  grantApiAccess(role: iam.IRole): void;
}

export class WebPages extends Construct {
  readonly function: HandlerFunction;
  readonly client: cognito.UserPoolClient;
  readonly sessionSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WebPagesProps) {
    super(scope, id);
    const base = props.httpApi.url.replace(/\/+$/, '');

    this.client = props.identity.userPool.addClient('PagesClient', {
      // A public client: the code is exchanged with the PKCE verifier (RFC 7636), so no secret is kept anywhere.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${base}/app/auth/callback`],
        logoutUrls: [`${base}/app/signed-out`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      // Only the hosted sign-in: no password or SRP flow through this client.
      authFlows: { userPassword: false, adminUserPassword: false, userSrp: false, custom: false, user: false },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // The ID token carries the organisation and school the API scopes by (set
      // by an administrator, never by the person).
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, givenName: true, familyName: true })
        .withCustomAttributes(CUSTOM_ATTRIBUTES.organisation, CUSTOM_ATTRIBUTES.schoolUrn),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
    });

    this.sessionSecret = new secretsmanager.Secret(this, 'SessionSecret', {
      description: "RightTime pages: the key of people's session cookies",
      encryptionKey: props.logKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.sessionSecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The session key has no rotation Lambda: rotating it only signs everyone out (sessions last 8 ' +
        'hours). Rotate it by hand, with a new version of the secret, if it may have leaked.',
    });

    this.function = new HandlerFunction(this, 'Pages', {
      projectRoot: props.projectRoot,
      logKey: props.logKey,
      entry: 'web/handler.ts',
      description: 'RightTime: pages for people (GOV.UK Design System)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: {
        ...props.apiEnvironment,
        WEB_SESSION_SECRET_ARN: this.sessionSecret.secretArn,
        COGNITO_DOMAIN: props.identity.domain.baseUrl(),
        PAGES_CLIENT_ID: this.client.userPoolClientId,
        USER_POOL_ID: props.identity.userPool.userPoolId,
        PAGES_BASE_URL: base,
      },
      bundling: {
        // nunjucks loads chokidar only to watch templates, which a deployed function never does.
        externalModules: ['@aws-sdk/*', 'chokidar'],
        // The templates and GOV.UK Frontend (macros, CSS, JS, images) beside
        // the bundle: web/render.ts finds them there.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp -R "${inputDir}/web/templates" "${outputDir}/templates"`,
            `mkdir -p "${outputDir}/govuk-frontend"`,
            `cp -R "${inputDir}/node_modules/govuk-frontend/dist/govuk" "${outputDir}/govuk-frontend/govuk"`,
            // Source maps and Sass sources are not served or read.
            `find "${outputDir}/govuk-frontend" \\( -name '*.map' -o -name '*.scss' \\) -type f -delete`,
          ],
        },
      },
    });
    this.sessionSecret.grantRead(this.function.role);
    props.grantApiAccess(this.function.role);

    // A browser carries a session cookie, not a bearer token: the function itself checks the session.
    const integration = new HttpLambdaIntegration('Pages', this.function.function);
    for (const path of ['/app', '/app/{proxy+}']) {
      props.httpApi.api.addRoutes({
        path,
        methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST],
        integration,
        authorizer: new apigwv2.HttpNoneAuthorizer(),
      });
    }
    for (const route of props.httpApi.api.node.findAll()) {
      if (route instanceof apigwv2.CfnRoute && /\/app/.test(String(route.routeKey))) {
        acknowledge(route, {
          id: 'AwsSolutions-APIG4',
          reason:
            "The pages' routes take no bearer token: a person signs in through Cognito's hosted sign-in " +
            "and carries an encrypted, HTTP-only session cookie, which the pages' function checks " +
            'on every request (and a form token on every POST) ' +
            "before it calls the API's handler as that person.",
        });
      }
    }
  }
}
