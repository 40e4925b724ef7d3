/**
 * The pages in the synthesized stack: their own function on /app and /app/{proxy+} of the same HTTP API
 * (the JSON API's routes keep the JWT authorizer), Cognito's hosted sign-in for them (authorisation
 * code flow only, with the pages' callback), the session key a secret only the pages' function reads,
 * and cdk-nag with nothing left unacknowledged (synth fails otherwise).
 */
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/build';
import type { RightTimeStack } from '#infra/righttime-stack';
import { catalogue } from '#workflows/catalogue';

let stack: RightTimeStack;
let template: Template;

beforeAll(() => {
  const built = buildApp({ bundling: false });
  stack = built.stack;
  built.app.synth();
  template = Template.fromStack(stack);
});

const resolve = (value: unknown) => stack.resolve(value);

describe('the pages in AWS', () => {
  it('answers /app and /app/{proxy+} with the pages function and no bearer-token authorizer; every other path keeps the JWT authorizer', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(Object.values(routes).map((r) => [r.Properties.RouteKey, r.Properties]));
    for (const key of ['GET /app', 'POST /app', 'GET /app/{proxy+}', 'POST /app/{proxy+}'])
      expect(byKey[key]?.AuthorizationType).toBe('NONE');
    expect(byKey['ANY /{proxy+}']?.AuthorizationType).toBe('JWT');
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const pagesFunction = resolve(stack.web.function.function.functionArn);
    expect(
      Object.values(integrations).some(
        (i) => JSON.stringify(i.Properties.IntegrationUri) === JSON.stringify(pagesFunction),
      ),
    ).toBe(true);
  });

  it("signs people in through Cognito's hosted sign-in: a client with the code flow only, no secret, called back on /app/auth/callback", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: [
        Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('/app/auth/callback$')])]),
        }),
      ],
      ReadAttributes: Match.arrayWith(['custom:organisation', 'custom:schoolUrn']),
    });
  });

  it('gives the pages function its session secret, Cognito settings and the API environment', () => {
    const logicalId = stack.getLogicalId(stack.web.function.function.node.defaultChild as CfnElement);
    const variables = template.toJSON().Resources[logicalId].Properties.Environment.Variables as Record<
      string,
      unknown
    >;
    for (const name of [
      'WEB_SESSION_SECRET_ARN',
      'COGNITO_DOMAIN',
      'PAGES_CLIENT_ID',
      'USER_POOL_ID',
      'PAGES_BASE_URL',
      'TABLE_NAME',
      'STATE_MACHINE_ARNS',
      'CASE_CODE_SECRET_ARN',
    ])
      expect(variables).toHaveProperty(name);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: "RightTime pages: the key of people's session cookies",
    });
  });

  it("tells each process's rules step, which writes the messages, the pages' address: the same base the pages sign people in at", () => {
    const variablesOf = (fn: { node: { defaultChild?: unknown } }) =>
      template.toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)].Properties.Environment
        .Variables as Record<string, unknown>;
    const pages = variablesOf(stack.web.function.function).PAGES_BASE_URL;
    expect([...stack.decide.keys()]).toEqual(catalogue.map((p) => p.id));
    for (const [process, decide] of stack.decide) {
      const rules = variablesOf(decide.function).PAGES_BASE_URL;
      expect(rules, process).toBeDefined();
      expect(JSON.stringify(rules)).toBe(JSON.stringify(pages));
      // The HTTP API's own address, without its trailing slash (links add /app/...).
      expect(JSON.stringify(rules)).toContain('execute-api');
      expect(JSON.stringify(rules)).not.toMatch(/\/"\]\]\}$/);
    }
  });
});
