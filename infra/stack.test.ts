/**
 * The synthesized RightTime stack: what the design promises about data, state machines, functions,
 * identity, timers and alarms, and cdk-nag (AwsSolutions) with nothing left unacknowledged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import FullHolidays from 'date-holidays';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { FEEDS_SCOPE, POLICE_SCOPE } from '#functions/api/claims';
import { ROUTES_ELSEWHERE } from '#functions/api/http';
import { CONFLICT_RETRY } from '#functions/decide/handler';
import { STALE_CLAIM_MS } from '#functions/notifier/deliver';
import { OUTBOX_AGE_METRIC } from '#functions/notifier/sweep';
import { partnership } from '#functions/runtime';
import { FEED_FIELDS, type FeedEntry, feedItem } from '#functions/store/feed';
import { INDEXES, TABLE_KEYS } from '#functions/store/table';
import { buildApp, stateMachineDefinitions } from '#infra/build';
import { FEED_BUS_NAME, FEED_DETAIL_TYPE, FEED_EVENT_SOURCE, FEED_INPUT_TEMPLATE } from '#infra/feed-bus';
import { handlerBundling, slimModules } from '#infra/handler-function';
import { checkAuthDomainPrefix, DEFAULT_AUTH_DOMAIN_PREFIX } from '#infra/identity';
import { OUTBOX_AGE_ALARM_SECONDS } from '#infra/monitoring';
import type { RightTimeStack } from '#infra/righttime-stack';
import { CONFLICT_RETRY_POLICY, RULES_ERROR, STATE } from '#infra/state-names';
import { catalogue } from '#workflows/catalogue';
import * as ihaParts from '#workflows/initial-health-assessment/index';

const initialHealthAssessment = definitionOf(ihaParts);

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type State = Record<string, any>;

const TWENTY_FOUR_DAYS = 24 * 24 * 60 * 60;

let app: App;
let stack: RightTimeStack;
let template: Template;
let resources: Record<string, Resource>;
let definitions: Record<string, any>;

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

function logicalIdOf(type: string): string {
  const found = ofType(type);
  expect(found).toHaveLength(1);
  return found[0]![0];
}

/** Every state of a definition, including those inside Map item processors and Parallel branches. */
function allStates(definition: State): [string, State][] {
  const out: [string, State][] = [];
  const walk = (machine: State) => {
    for (const [name, state] of Object.entries(machine.States ?? {}) as [string, State][]) {
      out.push([name, state]);
      if (state.ItemProcessor) walk(state.ItemProcessor);
      if (state.Iterator) walk(state.Iterator);
      for (const branch of state.Branches ?? []) walk(branch);
    }
  };
  walk(definition);
  return out;
}

/** The people's app client: the one without OAuth flows. */
function webClientId(): string {
  const web = ofType('AWS::Cognito::UserPoolClient').filter(
    ([, c]) => c.Properties.AllowedOAuthFlowsUserPoolClient === false,
  );
  expect(web).toHaveLength(1);
  return web[0]![0];
}

/** The case-system app clients: those with the client-credentials flow. */
function caseSystemClients(): [string, Resource][] {
  return ofType('AWS::Cognito::UserPoolClient').filter(([, c]) =>
    (c.Properties.AllowedOAuthFlows ?? []).includes('client_credentials'),
  );
}

beforeAll(() => {
  // Prepare / Act: synthesize once, without bundling (same template apart from asset hashes).
  ({ app, stack } = buildApp({ bundling: false }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  definitions = stateMachineDefinitions(template.toJSON());
});

describe('the table', () => {
  it('has PK/SK string keys and the three indexes of functions/store/table.ts, projecting everything', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('is protected: point-in-time recovery, a customer-managed key with rotation, deletion protection, retained', () => {
    const keyId = ofType('AWS::KMS::Key').find(([, r]) => r.Properties.Description?.includes('case table'))?.[0];
    expect(keyId).toBeDefined();
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        DeletionProtectionEnabled: true,
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('case table'),
    });
  });

  it('streams new images for the notifier and expires items by expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe("the councils' clock events on an EventBridge bus", () => {
  it('is a bus of its own, encrypted with the data key', () => {
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: FEED_BUS_NAME,
      KmsKeyIdentifier: {
        'Fn::GetAtt': [
          ofType('AWS::KMS::Key').find(([, r]) => r.Properties.Description?.includes('case table'))![0],
          'Arn',
        ],
      },
    });
  });

  it('is fed by a pipe from the table stream, filtered to new feed items, with a dead-letter queue', () => {
    const [, pipe] = ofType('AWS::Pipes::Pipe')[0]!;
    expect(ofType('AWS::Pipes::Pipe')).toHaveLength(1);
    expect(pipe.Properties.Source).toEqual({ 'Fn::GetAtt': [logicalIdOf('AWS::DynamoDB::Table'), 'StreamArn'] });
    expect(pipe.Properties.Target).toEqual({ 'Fn::GetAtt': [logicalIdOf('AWS::Events::EventBus'), 'Arn'] });
    const stream = pipe.Properties.SourceParameters.DynamoDBStreamParameters;
    expect(stream).toMatchObject({ StartingPosition: 'LATEST', MaximumRetryAttempts: 10 });
    expect(stream.DeadLetterConfig.Arn['Fn::GetAtt'][1]).toBe('Arn');
    expect(JSON.parse(pipe.Properties.SourceParameters.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entityType: { S: ['Feed'] } } },
    });
    expect(pipe.Properties.TargetParameters.EventBridgeEventBusParameters).toEqual({
      Source: FEED_EVENT_SOURCE,
      DetailType: FEED_DETAIL_TYPE,
    });
  });

  it("puts every field of an entry in the event's detail, each read from an attribute every feed item has", () => {
    // Prepare: a feed item as the commits write it, with neither optional field.
    const entry: FeedEntry = {
      id: '2027-01-14T23:59:59.999Z_iha-abcd-efgh_00000002_000',
      council: 'riverside-council',
      process: 'initial-health-assessment',
      caseCode: 'IHA-ABCD-EFGH',
      caseId: 'iha-abcd-efgh',
      clockId: 'request-to-health',
      clockDefinitionId: 'request-to-health',
      clock: 'Request for the initial health assessment',
      source: 'localTarget',
      event: 'breached',
      dueAt: '2027-01-14T23:59:59.999Z',
      at: '2027-01-14T23:59:59.999Z',
      recordedAt: '2027-01-15T00:00:01.000Z',
    };
    const stored = feedItem(entry);
    // Act: the template's paths, and the detail they make from the item (as the pipe reads a stream record).
    const [, pipe] = ofType('AWS::Pipes::Pipe')[0]!;
    const template = pipe.Properties.TargetParameters.InputTemplate as string;
    expect(template).toBe(FEED_INPUT_TEMPLATE);
    const detail = JSON.parse(
      template.replace(/<\$\.dynamodb\.NewImage\.([A-Za-z]+)\.S>/g, (_m, name: string) => {
        const value = stored[name] as { S?: string } | undefined;
        if (value?.S === undefined) throw new Error(`feed items have no string attribute ${name}`);
        return JSON.stringify(value.S);
      }),
    );
    // Assess: every field, optional ones absent as ''.
    expect(Object.keys(detail)).toEqual([...FEED_FIELDS]);
    expect(detail).toEqual({ ...entry, checkpointId: '', personId: '' });
  });

  it("alarms when entries could not be put on the bus, on the alarms' topic", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('did not reach the clock-events bus'),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('MonitoringTopic') }],
    });
  });
});

describe('the state machines', () => {
  it('are one EXPRESS state machine per process in the catalogue, named righttime-<processId>', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(catalogue.length);
    for (const process of catalogue) {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: `righttime-${process.id}`,
        StateMachineType: 'EXPRESS',
        TracingConfiguration: { Enabled: true },
      });
    }
    expect(Object.keys(definitions).sort()).toEqual(catalogue.map((p) => p.id).sort());
  });

  it("the API starts each process's executions synchronously and needs nothing else of Step Functions; the scheduler and the sweeper start them asynchronously", () => {
    const statementsOf = (rolePrefix: string) =>
      ofType('AWS::IAM::Policy')
        .filter(([id]) => id.startsWith(rolePrefix))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const statesActions = (rolePrefix: string) =>
      [...new Set(statementsOf(rolePrefix).flatMap((st) => [st.Action].flat() as string[]))]
        .filter((a) => a.startsWith('states:'))
        .sort();
    expect(statesActions('ApiRole')).toEqual(['states:StartSyncExecution']);
    const syncStarts = statementsOf('ApiRole').filter((st) => [st.Action].flat().includes('states:StartSyncExecution'));
    expect(syncStarts.flatMap((st) => [st.Resource].flat())).toHaveLength(catalogue.length);
    expect(statesActions('SweeperRole')).toEqual(['states:StartExecution']);
  });

  it('use only what the local runner supports: JSONPath, no Wait, Assign, heartbeats or timeouts over 24 days', () => {
    for (const [processId, definition] of Object.entries(definitions)) {
      expect(definition.QueryLanguage ?? 'JSONPath', processId).toBe('JSONPath');
      expect(definition.TimeoutSeconds ?? 0, processId).toBeLessThanOrEqual(TWENTY_FOUR_DAYS);
      for (const [name, state] of allStates(definition)) {
        const where = `${processId} / ${name}`;
        expect(state.Type, where).not.toBe('Wait');
        expect(state.QueryLanguage, where).not.toBe('JSONata');
        expect(state, where).not.toHaveProperty('Assign');
        expect(state, where).not.toHaveProperty('HeartbeatSeconds');
        expect(state, where).not.toHaveProperty('HeartbeatSecondsPath');
        expect(state.TimeoutSeconds ?? 0, where).toBeLessThanOrEqual(TWENTY_FOUR_DAYS);
      }
    }
  });

  it('log errors only, without execution data (it holds personal data), to a log group kept a year', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR', IncludeExecutionData: false }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/vendedlogs/states/righttime-${initialHealthAssessment.id}`,
      RetentionInDays: 365,
    });
  });

  it('encrypt execution data (it holds personal data) with the customer-managed key', () => {
    const keys = Object.keys(template.findResources('AWS::KMS::Key'));
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines.length).toBeGreaterThan(0);
    for (const machine of machines) {
      expect(machine.Properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY' });
      expect(keys).toContain(machine.Properties.EncryptionConfiguration.KmsKeyId['Fn::GetAtt'][0]);
    }
  });

  it('may manage schedules only in the timer group, pass only the scheduler role, start only themselves, and touch no table', () => {
    const statements = ofType('AWS::IAM::Policy')
      .filter(([id]) => id.includes('StateMachineRole'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const actionsOf = (s: Record<string, any>) => [s.Action].flat() as string[];
    const onStar = statements.filter((s) => s.Resource === '*').flatMap(actionsOf);
    expect(onStar.filter((a) => /^(scheduler|states|iam|dynamodb):/.test(a))).toEqual([]);
    const scheduler = statements.find((s) => actionsOf(s).includes('scheduler:CreateSchedule'));
    expect(JSON.stringify(scheduler?.Resource)).toContain(':schedule/righttime-timers/*');
    const passRole = statements.find((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/SchedulerRole/), 'Arn'] });
    // the rules step reads and commits: the state machines have no DynamoDB action at all
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('give the rules step exactly what it does with the table: one read, one transaction of Puts and Deletes, nothing on an index', () => {
    // Prepare: the commands the rules step sends, and the items its transactions hold
    const source = readFileSync(new URL('../functions/decide/handler.ts', import.meta.url), 'utf8');
    const commands = [...source.matchAll(/new (\w+Command)\(/g)].map((m) => m[1]).sort();
    expect(commands).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const transaction = readFileSync(new URL('../functions/store/transaction.ts', import.meta.url), 'utf8');
    const kinds = [
      ...new Set([...transaction.matchAll(/items\.push\(\{\s*(\w+): \{\s*TableName/g)].map((m) => m[1])),
    ].sort();
    expect(kinds).toEqual(['Delete', 'Put']);
    const table = { 'Fn::GetAtt': [logicalIdOf('AWS::DynamoDB::Table'), 'Arn'] };
    const policies = ofType('AWS::IAM::Policy').filter(([id]) => /^Decide[A-Za-z]+Role/.test(id));
    // one rules step per process, each with its own role
    expect(policies).toHaveLength(catalogue.length);
    for (const [id, policy] of policies) {
      const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
      const dynamo = statements.filter((st) => [st.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
      // Act / Assess
      expect(dynamo, id).toEqual([expect.objectContaining({ Resource: table })]);
      expect([dynamo[0]!.Action].flat().sort()).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
      ]);
      const key = statements.find((st) => [st.Action].flat().includes('kms:Decrypt'));
      expect(key!.Condition).toEqual({
        StringEquals: {
          'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        },
      });
    }
  });

  it("retry the rules step when the case kept changing, with full jitter, and its own attempts stay within the function's timeout", () => {
    const iha = definitions[initialHealthAssessment.id];
    const retry = (iha.States[STATE.applyRules].Retry as Record<string, any>[]).find((r) =>
      r.ErrorEquals.includes(RULES_ERROR.concurrentChanges),
    );
    expect(retry).toMatchObject({
      MaxAttempts: CONFLICT_RETRY_POLICY.maxAttempts,
      IntervalSeconds: 1,
      BackoffRate: 2,
      MaxDelaySeconds: 8,
      JitterStrategy: 'FULL',
    });
    const decide = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('Decide'));
    expect(decide).toHaveLength(catalogue.length);
    for (const [, rules] of decide)
      expect(CONFLICT_RETRY.budgetMs + CONFLICT_RETRY.capMs).toBeLessThan((rules.Properties.Timeout * 1000) / 2);
  });
});

describe('stateMachineDefinitions', () => {
  it('gives the IHA definition as plain ASL starting at the rules step, with every state named in STATE, at most 5 entered per event', () => {
    const iha = definitions[initialHealthAssessment.id];
    expect(iha.StartAt).toBe(STATE.applyRules);
    const names = allStates(iha).map(([name]) => name);
    expect(names.sort()).toEqual(Object.values(STATE).sort());
    for (const name of [
      STATE.applyRules,
      STATE.createSchedule,
      STATE.updateSchedule,
      STATE.startNow,
      STATE.deleteSchedule,
    ]) {
      expect(allStates(iha).find(([n]) => n === name)?.[1].Type, name).toBe('Task');
    }
    // the longest path: rules, choice, create (conflict) → move, done; or start now → already started, done
    const next = (state: State): string[] =>
      [
        state.Next,
        state.Default,
        ...(state.Choices ?? []).map((c: State) => c.Next),
        ...(state.Catch ?? []).map((c: State) => c.Next),
      ].filter(Boolean);
    const longest = (name: string): number => 1 + Math.max(0, ...next(iha.States[name]).map(longest));
    expect(longest(iha.StartAt)).toBe(5);
  });

  it('replaces every intrinsic with a placeholder naming the resource, and passes the rules step ids only', () => {
    const iha = definitions[initialHealthAssessment.id];
    const text = JSON.stringify(iha);
    expect(text).not.toContain('Fn::');
    expect(text).not.toContain('"Ref"');
    const byName = Object.fromEntries(allStates(iha));
    // each state machine's rules step is its own process's function
    expect(byName[STATE.applyRules]!.Resource).toMatch(/^local:DecideInitialHealthAssessmentFunction[A-F0-9]+\.Arn$/);
    for (const process of catalogue) {
      const pascal = process.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
      expect(definitions[process.id]!.States[STATE.applyRules].Resource).toMatch(
        new RegExp(`^local:Decide${pascal}Function[A-F0-9]+\\.Arn$`),
      );
    }
    expect(byName[STATE.applyRules]!.Parameters).toEqual({
      'event.$': '$.event',
      'stateMachineArn.$': '$$.StateMachine.Id',
    });
    expect(byName[STATE.createSchedule]!.Parameters.Target.RoleArn).toMatch(/^local:.*SchedulerRole.*\.Arn$/);
    // no table anywhere in the definition: no state reads or writes DynamoDB
    expect(text).not.toContain(logicalIdOf('AWS::DynamoDB::Table'));
    expect(text).not.toContain(':dynamodb:');
  });
});

describe('the functions', () => {
  it('run Node.js 22 on ARM with active tracing and a log group kept a year', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^Api/),
      // each process's rules step
      ...catalogue.map(() => expect.stringMatching(/^Decide/)),
      expect.stringMatching(/^Figures/),
      expect.stringMatching(/^Imports/),
      expect.stringMatching(/^Notifier/),
      expect.stringMatching(/^Sweeper/),
      expect.stringMatching(/^WebPages/),
    ]);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.TABLE_NAME, id).toEqual({ Ref: logicalIdOf('AWS::DynamoDB::Table') });
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
      expect(resources[logGroupId]?.Properties.RetentionInDays, id).toBe(365);
    }
  });

  it("are bundled as ESM for Node 22, the AWS SDK left to the runtime, with England's holidays as date-holidays computes them and no rule engine", async () => {
    // Prepare: the bundling options every handler gets, and a bundle of date-holidays made with them
    const projectRoot = fileURLToPath(new URL('..', import.meta.url));
    const bundling = handlerBundling(projectRoot);
    const slim = slimModules(projectRoot);
    expect(bundling).toMatchObject({
      format: 'esm',
      target: 'node22',
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      externalModules: ['@aws-sdk/*'],
    });
    expect(bundling.esbuildArgs['--alias'].sort()).toEqual([
      `date-holidays=${slim['date-holidays']}`,
      `mime-db=${slim['mime-db']}`,
      'node:http=./functions/node-http.ts',
    ]);
    const outfile = join(projectRoot, 'node_modules/.cache/righttime/stack-test/holidays.mjs');
    const built = await build({
      absWorkingDir: projectRoot,
      stdin: {
        contents: "export { default as Holidays } from 'date-holidays';",
        resolveDir: projectRoot,
        sourcefile: 'holidays.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: bundling.minify,
      target: bundling.target,
      mainFields: bundling.mainFields,
      banner: { js: bundling.banner },
      external: bundling.externalModules,
      alias: Object.fromEntries(bundling.esbuildArgs['--alias'].map((a) => a.split('=') as [string, string])),
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    // Act
    const { Holidays: Slim } = (await import(pathToFileURL(outfile).href)) as { Holidays: typeof FullHolidays };
    // Assess: no holiday data of the world, no rule engine; England's holidays are the same
    expect(
      Object.keys(built.metafile.inputs).filter(
        (f) => /date-holidays|astronomia|moment/.test(f) && !f.includes('date-holidays-england'),
      ),
    ).toEqual([]);
    // what the calendar reads of each holiday: its date, name and type, of the public and bank holidays it counts
    const read = (H: typeof FullHolidays, year: number) =>
      new H('GB', 'ENG').getHolidays(year).map(({ date, name, type }) => ({ date, name, type }));
    const counted = (list: ReturnType<typeof read>) => list.filter((h) => h.type === 'public' || h.type === 'bank');
    for (const year of [2026, 2027]) expect(read(Slim, year).length, String(year)).toBeGreaterThanOrEqual(8);
    for (let year = 2020; year <= 2035; year++)
      expect(read(Slim, year), String(year)).toEqual(counted(read(FullHolidays, year)));
    // anything else is refused rather than answered wrongly
    expect(() => new Slim('GB', 'SCT')).toThrow(/England/);
    expect(() => new Slim('GB', 'ENG').getHolidays(2099)).toThrow(/2019 to 2036/);
  });

  it('give the API the state machine ARNs by process id', () => {
    const api = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('Api'))![1];
    const arns = JSON.stringify(api.Properties.Environment.Variables.STATE_MACHINE_ARNS);
    for (const process of catalogue) expect(arns).toContain(process.id);
    expect(api.Properties.Environment.Variables.CASE_CODE_SECRET_ARN).toBeDefined();
  });

  it('give the API exactly the table actions its stores use: items by key on the table, queries on the table and its indexes', () => {
    // Prepare: every DynamoDB command the API's stores send (CaseStore, SchoolStore), and the IAM
    // actions each needs. TransactWriteItems is authorised per item: SchoolStore.save puts only.
    const actionsOfCommand: Record<string, string[]> = {
      GetItemCommand: ['dynamodb:GetItem'],
      BatchGetItemCommand: ['dynamodb:BatchGetItem'],
      PutItemCommand: ['dynamodb:PutItem'],
      BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
      TransactWriteItemsCommand: ['dynamodb:PutItem'],
      QueryCommand: ['dynamodb:Query'],
    };
    // A paginator (paginateQuery) sends its command (QueryCommand) page by page.
    const sent = ['functions/store/reads.ts', 'functions/store/schools.ts'].flatMap((file) =>
      [
        ...readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').matchAll(
          /new (\w+Command)\(|\bpaginate(\w+)\(/g,
        ),
      ].map((m) => m[1] ?? `${m[2]!}Command`),
    );
    for (const command of sent)
      expect(actionsOfCommand, `${command}: which IAM actions does it need?`).toHaveProperty(command);
    const needed = [...new Set(sent.flatMap((command) => actionsOfCommand[command]!))].sort();
    const table = { 'Fn::GetAtt': [logicalIdOf('AWS::DynamoDB::Table'), 'Arn'] };
    const statements = ofType('AWS::IAM::Policy')
      .filter(([id]) => id.startsWith('ApiRole'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')));
    const granted = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    // Act / Assess: no wildcard, nothing more than is used, nothing used left out.
    expect(granted.filter((action) => action.includes('*'))).toEqual([]);
    expect([...new Set(granted)].sort()).toEqual(needed);
    expect(needed).toContain('dynamodb:BatchWriteItem');
    const byKey = statements.find((statement) => [statement.Action].flat().includes('dynamodb:GetItem'));
    expect([byKey!.Action].flat().sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    expect(byKey!.Resource).toEqual(table);
    const queries = statements.find((statement) => [statement.Action].flat().includes('dynamodb:Query'));
    expect(queries!.Action).toEqual('dynamodb:Query');
    expect(queries!.Resource).toEqual([
      table,
      ...INDEXES.map((index) => ({ 'Fn::Join': ['', [table, `/index/${index.indexName}`]] })),
    ]);
  });

  it('feed the notifier only inserted Outbox items, with a dead-letter queue for failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'LATEST',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entityType: { S: ['Outbox'] } } },
            }),
          },
        ],
      },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotifierDeadLetters'), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });
});

/** The key that encrypts the table: the project's data key (infra/data-store.ts). */
function dataKeyId(): string {
  return resources[logicalIdOf('AWS::DynamoDB::Table')]!.Properties.SSESpecification.KMSMasterKeyId[
    'Fn::GetAtt'
  ][0] as string;
}

describe('the log groups', () => {
  it("are all encrypted with the project's customer-managed data key: the functions', the state machines' and the API access logs", () => {
    // Prepare
    const logGroups = ofType('AWS::Logs::LogGroup');
    const dataKey = dataKeyId();
    // Act / Assess: one per function (the API, the imports, the figures, notifier, sweeper and the pages,
    // and each process's rules step), one per process's state machine, and the access logs
    expect(logGroups).toHaveLength(6 + 2 * catalogue.length + 1);
    expect(resources[dataKey]!.Type).toBe('AWS::KMS::Key');
    for (const [id, logGroup] of logGroups)
      expect(logGroup.Properties.KmsKeyId, id).toEqual({ 'Fn::GetAtt': [dataKey, 'Arn'] });
  });

  it("let CloudWatch Logs of the stack's region use the key, only for this account's log groups", () => {
    // Prepare
    const dataKey = dataKeyId();
    const statements = resources[dataKey]!.Properties.KeyPolicy.Statement as Record<string, any>[];
    // Act
    const forLogs = statements.filter((st) => JSON.stringify(st.Principal).includes('"logs.'));
    // Assess
    expect(forLogs).toEqual([
      {
        Sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        Effect: 'Allow',
        Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':logs:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':log-group:*',
                ],
              ],
            },
          },
        },
      },
    ]);
  });
});

describe('the outbox sweeper', () => {
  const functionId = (prefix: string) => {
    const found = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0]![0];
  };
  const statementsOf = (rolePrefix: string) =>
    ofType('AWS::IAM::Policy')
      .filter(([id]) => id.startsWith(rolePrefix))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
  const actionsOf = (statement: Record<string, any>) => [statement.Action].flat() as string[];

  it('is a function running sweepHandler from functions/notifier/sweep-handler.ts, with the same GOV.UK Notify settings as the notifier', () => {
    const sweeper = resources[functionId('Sweeper')]!;
    const notifier = resources[functionId('Notifier')]!;
    expect(sweeper.Properties.Handler).toBe('index.sweepHandler');
    const { NOTIFY_API_KEY_SECRET_ARN, NOTIFY_TEMPLATE_ID, TABLE_NAME } = sweeper.Properties.Environment.Variables;
    expect({ NOTIFY_API_KEY_SECRET_ARN, NOTIFY_TEMPLATE_ID, TABLE_NAME }).toEqual({
      NOTIFY_API_KEY_SECRET_ARN: notifier.Properties.Environment.Variables.NOTIFY_API_KEY_SECRET_ARN,
      NOTIFY_TEMPLATE_ID: notifier.Properties.Environment.Variables.NOTIFY_TEMPLATE_ID,
      TABLE_NAME: { Ref: logicalIdOf('AWS::DynamoDB::Table') },
    });
  });

  it('runs every 5 minutes from an EventBridge rule targeting the sweeper, retried twice', () => {
    const sweeper = functionId('Sweeper');
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    expect(rule.Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } }],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [sweeper, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
    // A failed sweep is retried by the next one, not by Lambda's asynchronous retries.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: sweeper },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 300,
    });
  });

  it('may only query the pending index, read and update items on the table, read the Notify secret, use the data key through DynamoDB and start the state machines (overdue wake-ups)', () => {
    const table = { 'Fn::GetAtt': [logicalIdOf('AWS::DynamoDB::Table'), 'Arn'] };
    const statements = statementsOf('SweeperRole');
    const granted = [...new Set(statements.flatMap(actionsOf))].sort();
    expect(granted).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'states:StartExecution',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    const starts = statements.filter((st) => actionsOf(st).includes('states:StartExecution'));
    expect(starts.flatMap((st) => [st.Resource].flat()).map((r) => JSON.stringify(r))).toEqual(
      expect.arrayContaining(catalogue.map(() => expect.stringContaining('StateMachine'))),
    );
    const query = statements.filter((st) => actionsOf(st).includes('dynamodb:Query'));
    expect(query).toEqual([
      expect.objectContaining({ Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [table, '/index/GSI1']] } }),
    ]);
    const update = statements.filter((st) => actionsOf(st).includes('dynamodb:UpdateItem'));
    expect(update).toEqual([
      expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: table }),
    ]);
    const secret = statements.find((st) => actionsOf(st).includes('secretsmanager:GetSecretValue'));
    expect(secret!.Resource).toEqual({ Ref: expect.stringMatching(/^DataNotifyApiKeySecret/) });
    const key = statements.find((st) => actionsOf(st).includes('kms:Decrypt'));
    expect(key!.Condition).toEqual({
      StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
    });
    for (const statement of statements) {
      if (statement.Resource === '*')
        expect(actionsOf(statement).sort(), 'only X-Ray on "*"').toEqual([
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
        ]);
    }
  });

  it('takes over a claim only when it is clearly older than the notifier or the sweeper can run (STALE_CLAIM_MS)', () => {
    for (const prefix of ['Notifier', 'Sweeper']) {
      const timeoutSeconds = resources[functionId(prefix)]!.Properties.Timeout as number;
      expect(timeoutSeconds, prefix).toBeGreaterThan(0);
      // at least three times as long: a live delivery is never taken over
      expect(3 * timeoutSeconds * 1000, prefix).toBeLessThanOrEqual(STALE_CLAIM_MS);
    }
    // and a sweep ends before the next one starts
    expect(resources[functionId('Sweeper')]!.Properties.Timeout).toBeLessThan(5 * 60);
  });

  it('alarms on sweeper errors, and when an alert has waited too long or the sweeper stops reporting', () => {
    const topic = [{ Ref: logicalIdOf('AWS::SNS::Topic') }];
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId('Sweeper') } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: topic,
      }),
    );
    expect(OUTBOX_AGE_ALARM_SECONDS * 1000).toBeGreaterThan(STALE_CLAIM_MS + 5 * 60_000);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: OUTBOX_AGE_METRIC.namespace,
        MetricName: OUTBOX_AGE_METRIC.metricName,
        // Powertools metrics add the service dimension to every metric (functions/observability.ts).
        Dimensions: [
          { Name: 'Function', Value: 'OutboxSweeper' },
          { Name: 'service', Value: 'righttime' },
        ],
        Statistic: 'Maximum',
        Threshold: OUTBOX_AGE_ALARM_SECONDS,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'breaching',
        AlarmActions: topic,
      }),
    );
  });
});

describe('identity and the API', () => {
  it('has a user pool without self sign-up, with TOTP MFA required, threat protection, and a group per role', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UsernameAttributes: ['email'],
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organisation' }), Match.objectLike({ Name: 'schoolUrn' })]),
    });
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it("keeps partnership-wide administration a group of its own, apart from an organisation's administrators", () => {
    // Prepare
    const description = (name: string) =>
      ofType('AWS::Cognito::UserPoolGroup').find(([, g]) => g.Properties.GroupName === name)?.[1].Properties
        .Description as string | undefined;
    // Act
    const [partnership, organisation] = [description('partnership-administrator'), description('administrator')];
    // Assess
    expect(partnership).toMatch(/partnership-wide administration/);
    expect(organisation).toMatch(/an organisation's administrator/);
  });

  it('lets nobody write their own organisation or school', () => {
    const web = webClientId();
    const client = resources[web]!;
    expect(client.Properties.WriteAttributes).not.toContain('custom:organisation');
    expect(client.Properties.WriteAttributes).not.toContain('custom:schoolUrn');
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
  });

  it('has a resource server "righttime" with the police and feeds scopes, on a Cognito prefix domain', () => {
    const pool = { Ref: logicalIdOf('AWS::Cognito::UserPool') };
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      UserPoolId: pool,
      Identifier: 'righttime',
      Scopes: [
        { ScopeName: 'police', ScopeDescription: 'submit Operation Encompass notifications and read their status' },
        { ScopeName: 'feeds', ScopeDescription: "read the council's own feed of clock events" },
      ],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: pool,
      Domain: DEFAULT_AUTH_DOMAIN_PREFIX,
    });
    expect(POLICE_SCOPE).toBe('righttime/police');
    expect(FEEDS_SCOPE).toBe('righttime/feeds');
  });

  it('gives each police force and each council a confidential client-credentials client with only its one scope and no user sign-in', () => {
    const forces = partnership.organisations.filter((o) => o.kind === 'police');
    const councils = partnership.organisations.filter((o) => o.kind === 'council');
    expect(forces.map((o) => o.id)).toContain('riverside-police');
    expect(councils.map((o) => o.id)).toContain('riverside-council');
    const caseSystems = caseSystemClients();
    expect(caseSystems.map(([, c]) => c.Properties.ClientName).sort()).toEqual(
      [...forces, ...councils].map((o) => `${o.id}-case-system`).sort(),
    );
    const resourceServer = logicalIdOf('AWS::Cognito::UserPoolResourceServer');
    for (const [id, client] of caseSystems) {
      const police = forces.some((o) => client.Properties.ClientName === `${o.id}-case-system`);
      expect(client.Properties, id).toMatchObject({
        UserPoolId: { Ref: logicalIdOf('AWS::Cognito::UserPool') },
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: resourceServer }, police ? '/police' : '/feeds']] }],
        // Without an explicit list Cognito would allow SRP and custom auth: only the inert refresh flow is left.
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      expect(client.Properties.CallbackURLs, id).toBeUndefined();
    }
  });

  it('guards every route of the HTTP API with a JWT authorizer on the user pool, for people and case systems', () => {
    const pool = logicalIdOf('AWS::Cognito::UserPool');
    const authorizer = logicalIdOf('AWS::ApiGatewayV2::Authorizer');
    const caseSystems = caseSystemClients();
    expect(caseSystems.length).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        // HTTP API JWT authorizers match `aud` (ID tokens) or `client_id` (access tokens) against this list.
        Audience: [{ Ref: webClientId() }, ...caseSystems.map(([id]) => ({ Ref: id }))],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: pool }]],
        },
      },
    });
    // Every route but the pages' (/app, /app/{proxy+}: a session cookie, checked by the pages' function; infra/web-pages.test.ts).
    for (const [id, route] of ofType('AWS::ApiGatewayV2::Route').filter(
      ([, r]) => !/^(GET|POST) \/app(\/|$)/.test(r.Properties.RouteKey),
    )) {
      expect(route.Properties.AuthorizationType, id).toBe('JWT');
      expect(route.Properties.AuthorizerId, id).toEqual({ Ref: authorizer });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });

  it("sends the file imports and the figures to their own functions and every other route to the API's", () => {
    // Prepare: each route's key and the function its integration invokes
    const functionOf = (integrationId: string) => {
      const uri = JSON.stringify(resources[integrationId]!.Properties.IntegrationUri);
      return ofType('AWS::Lambda::Function').find(([id]) => uri.includes(`"${id}"`))![0];
    };
    const routes = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => !/^(GET|POST) \/app(\/|$)/.test(r.Properties.RouteKey))
      .map(([, r]) => [
        r.Properties.RouteKey as string,
        functionOf(String(r.Properties.Target['Fn::Join'][1][1].Ref)).replace(/Function.*$/, ''),
      ]);
    // Assess
    expect(routes.sort()).toEqual(
      [
        ['ANY /{proxy+}', 'Api'],
        ...ROUTES_ELSEWHERE.imports.map((r) => [`${r.method} ${r.path}`, 'Imports']),
        ...ROUTES_ELSEWHERE.figures.map((r) => [`${r.method} ${r.path}`, 'Figures']),
      ].sort(),
    );
    // with what the API's function has (the imports tell open cases): the table, the case code key, the state machines
    const api = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('Api'))![1];
    for (const prefix of ['Imports', 'Figures']) {
      const other = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith(prefix))![1];
      for (const name of ['TABLE_NAME', 'CASE_CODE_SECRET_ARN', 'STATE_MACHINE_ARNS'])
        expect(other.Properties.Environment.Variables[name], `${prefix} ${name}`).toEqual(
          api.Properties.Environment.Variables[name],
        );
    }
  });

  it('tells the API function which organisation each case-system client acts for (MACHINE_CLIENTS)', () => {
    const api = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('Api'))![1];
    const machineClients = api.Properties.Environment.Variables.MACHINE_CLIENTS;
    const forces = partnership.organisations.filter((o) => o.kind === 'police' || o.kind === 'council');
    // Client ids are known only at deployment: the JSON is joined around each client's Ref.
    const parts = machineClients['Fn::Join'][1] as unknown[];
    const pieces = parts
      .map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`))
      .join('');
    const expected = Object.fromEntries(
      caseSystemClients().map(([id, client]) => [
        `<${id}>`,
        String(client.Properties.ClientName).replace(/-case-system$/, ''),
      ]),
    );
    expect(JSON.parse(pieces)).toEqual(expected);
    expect(Object.values(expected).sort()).toEqual(forces.map((o) => o.id).sort());
  });

  it('takes the domain prefix from the context authDomainPrefix, and refuses one Cognito would', () => {
    // Prepare / Act
    const other = buildApp({ bundling: false, context: { authDomainPrefix: 'riverside-righttime' } });
    // Assess
    Template.fromStack(other.stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'riverside-righttime',
    });
    for (const prefix of [
      'Righttime',
      '-righttime',
      'righttime-',
      'righttime.auth',
      'my-cognito-login',
      'aws-righttime',
      'x'.repeat(64),
      '',
    ]) {
      expect(() => checkAuthDomainPrefix(prefix), prefix).toThrow(/authDomainPrefix/);
    }
    expect(checkAuthDomainPrefix('righttime-auth-2')).toBe('righttime-auth-2');
  });
});

describe('timers', () => {
  it('have the righttime-timers schedule group and a role only EventBridge Scheduler of this account assumes', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'righttime-timers' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ],
      },
    });
  });
});

describe('alarms and dashboard', () => {
  it('alarm on any failed execution of each process, on dead letters and on notifier errors', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const common = {
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Period: 300,
    };
    for (const process of catalogue) {
      const machine = ofType('AWS::StepFunctions::StateMachine').find(
        ([, r]) => r.Properties.StateMachineName === `righttime-${process.id}`,
      )![0];
      expect(alarms).toContainEqual(
        expect.objectContaining({
          ...common,
          Namespace: 'AWS/States',
          MetricName: 'ExecutionsFailed',
          Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machine } }],
        }),
      );
    }
    expect(alarms).toContainEqual(
      expect.objectContaining({ ...common, Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({ ...common, Namespace: 'AWS/Lambda', MetricName: 'Errors' }),
    );
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: logicalIdOf('AWS::SNS::Topic') }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it("outputs the API URL, user pool, client, token URL, each case system's client id and the table name", () => {
    for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TokenUrl', 'TableName'])
      template.hasOutput(output, {});
    for (const [id] of caseSystemClients()) template.hasOutput('*', { Value: { Ref: id } });
    template.hasOutput('CaseSystemClientIdRiversidePolice', {});
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged error or warning', () => {
    // Act: cdk-nag 3 is a CDK validation plugin, so its findings are not annotations; run the pack
    // over the same construct tree (it honours the acknowledgements, as synth does).
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    const findings = report.violations
      .filter((v) => v.severity === 'error' || v.severity === 'warning')
      .map(
        (v) =>
          `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}: ${v.description}`,
      );
    // Assess
    expect(findings, findings.join('\n')).toEqual([]);
  });

  it('leaves no CDK annotation errors or warnings (including any from cdk-nag)', () => {
    const annotations = Annotations.fromStack(stack);
    const errors = annotations.findError('*', Match.anyValue()).map((m) => `${m.id}: ${String(m.entry.data)}`);
    const warnings = annotations.findWarning('*', Match.anyValue()).map((m) => `${m.id}: ${String(m.entry.data)}`);
    const nag = [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map((m) => `${m.id}: ${String(m.entry.data)}`);
    expect(nag, nag.join('\n')).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(warnings, warnings.join('\n')).toEqual([]);
  });

  it('is registered by buildApp, so synth fails on a new finding', () => {
    // Prepare: the same app with one careless queue.
    const careless = buildApp({ bundling: false });
    new Queue(careless.stack, 'Careless');
    // Act / Assess
    expect(() => careless.app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
