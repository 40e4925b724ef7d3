/**
 * The RightTime stack, generated from the process catalogue: the table, the handlers, one state
 * machine per process with its timers, the notifier and its sweeper, identity, the HTTP API, alarms
 * and a dashboard.
 */

import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { RunnableProcess } from '#core/process/definition';
import { ROUTES_ELSEWHERE } from '#functions/api/http';
import { partnership } from '#functions/runtime';
import { catalogue } from '#workflows/catalogue';
import { DataStore } from './data-store';
import { FeedBus } from './feed-bus';
import { HandlerFunction } from './handler-function';
import { RightTimeHttpApi } from './http-api';
import { Identity } from './identity';
import { Monitoring } from './monitoring';
import { acknowledge } from './nag';
import { Processes } from './processes';
import { WebPages } from './web-pages';

/** Used until an operator sets the context `notifyTemplateId` to the GOV.UK Notify template's id. */
export const PLACEHOLDER_NOTIFY_TEMPLATE_ID = '00000000-0000-0000-0000-000000000000';

/** The outbox items the notifier sends: only these stream records reach it. */
export const OUTBOX_FILTER = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('INSERT'),
  dynamodb: { NewImage: { entityType: { S: lambda.FilterRule.isEqual('Outbox') } } },
});

/** How long the notifier may run on one batch of stream records: far shorter than STALE_CLAIM_MS. */
export const NOTIFIER_TIMEOUT = Duration.seconds(60);
/** How often the sweeper sends what the notifier left behind (functions/notifier/sweep.ts). */
export const SWEEP_EVERY = Duration.minutes(5);
/** How long one sweep may run: shorter than SWEEP_EVERY, and far shorter than STALE_CLAIM_MS. */
export const SWEEPER_TIMEOUT = Duration.minutes(3);
/** The sweeper's table actions: it reads the pending index and claims and marks messages. */
export const SWEEPER_INDEX_ACTIONS = ['dynamodb:Query'];
export const SWEEPER_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];

/**
 * What the rules step does, on the table only: one read, one transaction of Puts
 * and Deletes (functions/decide/handler.ts).
 */
export const DECIDE_TABLE_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];

/** What the api function does with items by key, on the table only (functions/store/reads.ts, schools.ts). */
export const API_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:BatchWriteItem',
];
/** What the api function does with queries, on the table and each of its indexes. */
export const API_QUERY_ACTIONS = ['dynamodb:Query'];

/** `riverside-police` to `RiversidePolice`, for output ids. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export interface RightTimeStackProps extends StackProps {
  /** Repository root (default: the parent of infra/). */
  projectRoot?: string;
  /** The processes to build a state machine for (default: the catalogue's). Tests pass a test-only catalogue's. */
  processes?: readonly RunnableProcess[];
}

export class RightTimeStack extends Stack {
  readonly data: DataStore;
  /** Each process's rules step, by process id (one function per state machine). */
  readonly decide: ReadonlyMap<string, HandlerFunction>;
  readonly api: HandlerFunction;
  /** The file imports' function (functions/api/imports-handler.ts). */
  readonly imports: HandlerFunction;
  /** The figures' function (functions/api/figures-handler.ts). */
  readonly figures: HandlerFunction;
  readonly notifier: HandlerFunction;
  readonly sweeper: HandlerFunction;
  readonly sweepSchedule: events.Rule;
  readonly processes: Processes;
  readonly identity: Identity;
  readonly httpApi: RightTimeHttpApi;
  readonly web: WebPages;
  readonly notifierDeadLetters: sqs.Queue;
  readonly monitoring: Monitoring;
  /** The councils' clock events on an EventBridge bus, from the table's stream (infra/feed-bus.ts). */
  readonly feedBus: FeedBus;

  constructor(scope: Construct, id: string, props: RightTimeStackProps = {}) {
    super(scope, id, props);
    const projectRoot = props.projectRoot ?? fileURLToPath(new URL('..', import.meta.url));

    this.data = new DataStore(this, 'Data');
    const { table } = this.data;
    // Every log group is encrypted with the data key (logs carry ids and outcomes of children's cases).
    // CloudWatch Logs in this region may use it for this account's log groups only, as AWS recommends:
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    const logKey = this.data.key;
    logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    // decide: the rules step, one function per process (its state machine's), whose bundle holds that
    // process alone (HandlerFunction `process`: infra/handler-function.ts processesAlone), so that no bundle
    // grows with the number of processes. Each reads the case, the staged request and the event's own
    // record in one BatchGetItem and commits the decision in one TransactWriteItems of Puts and Deletes
    // (each authorised as its own action); nothing else. The state machine itself touches no table.
    const processes = props.processes ?? catalogue;
    this.decide = new Map(
      processes.map((process) => {
        const rules = new HandlerFunction(this, `Decide${pascalCase(process.id)}`, {
          projectRoot,
          logKey,
          entry: 'functions/decide/handler.ts',
          process: process.id,
          description: `RightTime: applies the ${process.id} rules to one event`,
          timeout: Duration.seconds(30),
          environment: { TABLE_NAME: table.tableName, CASE_CODE_SECRET_ARN: this.data.caseCodeSecret.secretArn },
        });
        this.data.caseCodeSecret.grantRead(rules.role);
        this.data.grantTable(rules.role, DECIDE_TABLE_ACTIONS);
        return [process.id, rules] as const;
      }),
    );

    this.processes = new Processes(this, 'Processes', {
      processes,
      data: this.data,
      decideFunctions: new Map([...this.decide].map(([id, rules]) => [id, rules.function])),
    });
    // The state machines' log groups are made inside Processes (infra/processes.ts), which does not take
    // a key for them: encrypt them here, with the same key.
    for (const construct of this.processes.node.findAll()) {
      if (construct instanceof logs.CfnLogGroup && construct.kmsKeyId === undefined) construct.kmsKeyId = logKey.keyArn;
    }

    // api: validates requests, reads cases and read models by key or index, writes audit records,
    // starts executions and reads their outcome.
    const stateMachineArns: Record<string, string> = {};
    for (const [processId, stateMachine] of this.processes.stateMachines)
      stateMachineArns[processId] = stateMachine.stateMachineArn;
    this.api = new HandlerFunction(this, 'Api', {
      projectRoot,
      logKey,
      entry: 'functions/api/handler.ts',
      description: 'RightTime: HTTP API',
      timeout: Duration.seconds(29),
      environment: {
        TABLE_NAME: table.tableName,
        CASE_CODE_SECRET_ARN: this.data.caseCodeSecret.secretArn,
        CHILD_KEY_SECRET_ARN: this.data.childKeySecret.secretArn,
        STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns),
      },
    });
    // Items by key: cases, event outcomes and schools (GetItem, and BatchGetItem for a batch's schools);
    // audit records and a school with its audit record (PutItem: TransactWriteItems is authorised per
    // Put); a school import (BatchWriteItem). Queries: a case's timeline and audit on the table, and
    // the read models on GSI1-3 (open clocks, clocks and cases of a process, schools of a local
    // authority, audit by actor, cases by lead practitioner or school).
    // The pages (web/) run the same API in-process, so their role gets the same grants.
    const grantApiAccess = (role: iam.IRole) => {
      this.data.grantTable(role, API_ITEM_ACTIONS);
      this.data.grantTable(role, API_QUERY_ACTIONS, { indexes: true });
      this.data.caseCodeSecret.grantRead(role);
      for (const stateMachine of this.processes.stateMachines.values()) {
        // The API starts each event's Express execution synchronously (StartSyncExecution): one call
        // answers with the outcome, so it needs no DescribeExecution.
        stateMachine.grantStartSyncExecution(role);
        // Starting executions of a state machine encrypted with the data key.
        this.data.key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
      }
    };
    grantApiAccess(this.api.role);
    // Openings make the child key of a council's person id: the API (and the pages) alone read its secret.
    this.data.childKeySecret.grantRead(this.api.role);

    // imports: the school directory's and the term dates' file imports (functions/api/imports.ts), with the
    // files' readers the API's bundle leaves out; an import tells the open notifications of the schools it
    // changed, so it reads and starts as the API does, with the same grants. Files of up to 5 MiB are read
    // in memory.
    this.imports = new HandlerFunction(this, 'Imports', {
      projectRoot,
      logKey,
      entry: 'functions/api/imports-handler.ts',
      description: "RightTime: HTTP API's school directory and term dates imports",
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: {
        TABLE_NAME: table.tableName,
        CASE_CODE_SECRET_ARN: this.data.caseCodeSecret.secretArn,
        STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns),
      },
    });
    grantApiAccess(this.imports.role);

    // figures: a process's figures, the board's measures and the board pack (functions/api/figures.ts),
    // whose work the API's bundle leaves out. It reads cases and writes the audit as the API does, with the
    // same grants.
    this.figures = new HandlerFunction(this, 'Figures', {
      projectRoot,
      logKey,
      entry: 'functions/api/figures-handler.ts',
      description: "RightTime: HTTP API's figures and board pack",
      timeout: Duration.seconds(29),
      environment: {
        TABLE_NAME: table.tableName,
        CASE_CODE_SECRET_ARN: this.data.caseCodeSecret.secretArn,
        STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns),
      },
    });
    grantApiAccess(this.figures.role);

    // notifier: sends outbox items from the table's stream; failures go to a dead-letter queue.
    this.notifierDeadLetters = new sqs.Queue(this, 'NotifierDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.notifierDeadLetters, {
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter destination of the notifier's stream event source mapping; " +
        'it needs no dead-letter queue of its own.',
    });
    // The notifier and the sweeper send through the same GOV.UK Notify key and template.
    const notifyEnvironment = {
      TABLE_NAME: table.tableName,
      NOTIFY_API_KEY_SECRET_ARN: this.data.notifyApiKeySecret.secretArn,
      NOTIFY_TEMPLATE_ID: String(this.node.tryGetContext('notifyTemplateId') ?? PLACEHOLDER_NOTIFY_TEMPLATE_ID),
    };
    this.notifier = new HandlerFunction(this, 'Notifier', {
      projectRoot,
      logKey,
      entry: 'functions/notifier/handler.ts',
      description: 'RightTime: sends queued alerts with GOV.UK Notify',
      timeout: NOTIFIER_TIMEOUT,
      environment: notifyEnvironment,
      otherStarResources:
        'The DynamoDB stream event source also needs dynamodb:ListStreams, ' +
        'which does not support resource-level permissions.',
    });
    this.data.notifyApiKeySecret.grantRead(this.notifier.role);
    this.data.grantTable(this.notifier.role, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    this.notifier.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 5,
        onFailure: new SqsDlq(this.notifierDeadLetters),
        filters: [OUTBOX_FILTER],
      }),
    );
    acknowledge(
      this.notifier.role,
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Sending to the KMS-encrypted dead-letter queue: SqsDlq grants the data key for SQS ' +
          'server-side encryption (GenerateDataKey*), on that one key only.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason:
          'Sending to the KMS-encrypted dead-letter queue: SqsDlq grants the data key for SQS ' +
          'server-side encryption (ReEncrypt*), on that one key only.',
      },
    );

    // sweeper: every 5 minutes, sends outbox messages the notifier left behind (a stream record in the
    // dead-letter queue, or a claim whose delivery died), oldest first, from the pending index.
    this.sweeper = new HandlerFunction(this, 'Sweeper', {
      projectRoot,
      logKey,
      entry: 'functions/notifier/sweep-handler.ts',
      handler: 'sweepHandler',
      description:
        'RightTime: every 5 minutes, sends queued alerts the notifier left behind and restarts overdue case wake-ups',
      timeout: SWEEPER_TIMEOUT,
      environment: { ...notifyEnvironment, STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns) },
    });
    this.data.notifyApiKeySecret.grantRead(this.sweeper.role);
    // It also starts again any case wake-up whose execution failed (functions/decide/wake-sweep.ts).
    for (const stateMachine of this.processes.stateMachines.values())
      stateMachine.grantStartExecution(this.sweeper.role);
    this.data.key.grant(this.sweeper.role, 'kms:GenerateDataKey');
    // Query on the pending index only (GSI1 OUTBOX#PENDING); claim and mark with UpdateItem on the table,
    // and GetItem to see whether the messages due before one are sent (functions/notifier/deliver.ts).
    this.data.grantIndex(this.sweeper.role, 'GSI1', SWEEPER_INDEX_ACTIONS);
    this.data.grantTable(this.sweeper.role, SWEEPER_TABLE_ACTIONS);
    // A failed sweep is retried by the next one five minutes later, not by Lambda's own retries, and a
    // sweep that could not start within five minutes is superseded by the next.
    this.sweeper.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: SWEEP_EVERY });
    this.sweepSchedule = new events.Rule(this, 'SweepSchedule', {
      description: 'RightTime: runs the outbox sweeper every 5 minutes',
      schedule: events.Schedule.rate(SWEEP_EVERY),
      targets: [new eventsTargets.LambdaFunction(this.sweeper.function, { retryAttempts: 2 })],
    });

    this.identity = new Identity(this, 'Identity', { partnership });
    const caseSystems = [...this.identity.caseSystemClients];
    this.httpApi = new RightTimeHttpApi(this, 'Http', {
      handler: this.api.function,
      elsewhere: [
        { name: 'Imports', handler: this.imports.function, routes: ROUTES_ELSEWHERE.imports },
        { name: 'Figures', handler: this.figures.function, routes: ROUTES_ELSEWHERE.figures },
      ],
      userPool: this.identity.userPool,
      client: this.identity.client,
      machineClients: caseSystems.map(([, client]) => client),
      logKey,
    });
    // The api function knows a case system by its client id (functions/api/claims.ts).
    const machineClients: Record<string, string> = {};
    for (const [organisationId, client] of caseSystems) machineClients[client.userPoolClientId] = organisationId;
    this.api.function.addEnvironment('MACHINE_CLIENTS', this.toJsonString(machineClients));

    // Messages link to the pages (/app/... on the same HTTP API): the rules step, which writes them, is told
    // the pages' address (functions/runtime.ts partnershipAt), whatever the bundled signInUrl says.
    for (const rules of this.decide.values())
      rules.function.addEnvironment('PAGES_BASE_URL', this.httpApi.url.replace(/\/+$/, ''));

    // The pages: their own function on /app and /app/{proxy+} of the same HTTP API, Cognito's hosted sign-in.
    this.web = new WebPages(this, 'Web', {
      projectRoot,
      logKey,
      httpApi: this.httpApi,
      identity: this.identity,
      apiEnvironment: {
        TABLE_NAME: table.tableName,
        CASE_CODE_SECRET_ARN: this.data.caseCodeSecret.secretArn,
        CHILD_KEY_SECRET_ARN: this.data.childKeySecret.secretArn,
        STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns),
      },
      grantApiAccess: (role) => {
        grantApiAccess(role);
        this.data.childKeySecret.grantRead(role);
      },
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stateMachines: this.processes.stateMachines,
      notifierFunction: this.notifier.function,
      sweeperFunction: this.sweeper.function,
      deadLetterQueue: this.notifierDeadLetters,
    });

    // The councils' feed of clock events: each entry the commits write, on an EventBridge bus. The table's
    // stream has two readers, the notifier and this pipe (DynamoDB's advice: at most two per shard).
    this.feedBus = new FeedBus(this, 'FeedBus', { table, key: this.data.key });
    this.feedBus.deadLettersAlarm.addAlarmAction(new SnsAction(this.monitoring.topic));
    new CfnOutput(this, 'FeedBusArn', {
      value: this.feedBus.bus.eventBusArn,
      description: "The councils' clock events (source righttime.feed): a council's rule matches detail.council",
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the RightTime API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TokenUrl', {
      value: `${this.identity.domain.baseUrl()}/oauth2/token`,
      description:
        'Where case systems exchange their client id and secret for an access token (client ' +
        "credentials, scope righttime/police for a police force's, righttime/feeds for a council's)",
    });
    for (const [organisationId, client] of caseSystems) {
      new CfnOutput(this, `CaseSystemClientId${pascalCase(organisationId)}`, {
        value: client.userPoolClientId,
        description: `App client of the ${organisationId} case system (its secret is read from Cognito, never output)`,
      });
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'PagesUrl', {
      value: `${this.httpApi.url.replace(/\/+$/, '')}/app/`,
      description: 'Where people sign in and use RightTime',
    });
  }
}
