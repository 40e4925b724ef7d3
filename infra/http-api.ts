/**
 * The HTTP API: every route goes to the api function but those functions of their own serve (the file
 * imports, the figures: functions/api/http.ts ROUTES_ELSEWHERE, whose work stays out of the API's bundle),
 * and every route needs a Cognito token (a JWT authorizer is the default authorizer). Access logs omit
 * paths and bodies, which can carry case ids. The authorizer accepts tokens of the people's client and
 * of each case-system client: it matches a token's `aud` (ID tokens) or `client_id` (access tokens, as
 * client credentials issue) against the audience list. Which role a token carries is the api function's
 * decision (functions/api/claims.ts).
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface HttpApiProps {
  handler: lambda.IFunction;
  /** Routes that go to other functions than `handler` (the file imports', the figures'), each with its function. */
  elsewhere?: readonly {
    name: string;
    handler: lambda.IFunction;
    routes: readonly { method: 'GET' | 'POST'; path: string }[];
  }[];
  userPool: cognito.IUserPool;
  client: cognito.IUserPoolClient;
  /** Partner case systems' clients (client credentials), whose access tokens are also accepted. */
  machineClients?: readonly cognito.IUserPoolClient[];
  /**
   * The customer-managed key the access log group is encrypted with (CloudWatch
   * Logs may use it: infra/righttime-stack.ts).
   */
  logKey: kms.IKey;
}

export class RightTimeHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`;
    const audience = [props.client, ...(props.machineClients ?? [])].map((client) => client.userPoolClientId);
    const authorizer = new HttpJwtAuthorizer('Cognito', issuer, { jwtAudience: audience });

    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'RightTime API',
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
    });
    this.api.addRoutes({
      path: '/{proxy+}',
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Api', props.handler),
    });
    for (const { name, handler, routes } of props.elsewhere ?? []) {
      const integration = new HttpLambdaIntegration(name, handler);
      for (const route of routes)
        this.api.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration });
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            method: '$context.httpMethod',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            sourceIp: '$context.identity.sourceIp',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  get url(): string {
    return this.stage.url;
  }
}
