import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '@app/auth';
import { loadConfig, type AppConfig } from '@app/config';
import { ModelDeployer } from '@app/deployment';
import type { IntentionStatus } from '@app/domain';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { anIntentionRequest } from '../factories/intention.js';
import { aDistrictTeam } from '../factories/planning.js';
import type { UserSpec } from '../factories/user.js';
import { startTestApi, TEST_JWT_SECRET, type SignedInUser, type TestApi } from '../support/api.js';

export const DAY_MS = 86_400_000;

/** How long a helper waits for the processes to get somewhere (workers poll, the inbox ingests). */
const WAIT_MS = 20_000;

/** A task as `POST /tasks/search` lists it (the fields these tests read). */
export interface InboxTask {
  id: string;
  name: string;
  taskDefinitionId: string;
  bpmnProcessId: string;
  processInstanceKey: string;
  intentionId: string | null;
  taskState: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
}

export interface TaskQuery {
  /** The element id of the user task, e.g. `declare`. */
  taskDefinitionId: string;
  intentionId?: string;
  bpmnProcessId?: string;
}

/** One signed-in user per role of the chain, in the territory of the default intention (Židlochovice, Brno-venkov, JMK). */
export interface Cast {
  provider: SignedInUser;
  orpOfficial: SignedInUser;
  orpHead: SignedInUser;
  /** Members of the Brno-venkov district team (in `district_team_member`), the chair among them. */
  districtMembers: SignedInUser[];
  districtChair: SignedInUser;
  regionalOfficer: SignedInUser;
  councilSecretary: SignedInUser;
}

export interface ProcessHarness {
  api: TestApi;
  worker: INestApplicationContext;
  sql: pg.Client;
  cast: Cast;
  http(user: SignedInUser): ReturnType<typeof request.agent>;
  signIn(role: Role, overrides?: Partial<UserSpec>): Promise<SignedInUser>;
  /** Creates a complete draft as the provider and submits it; returns the intention id and its instance key. */
  submitIntention(overrides?: Record<string, unknown>, provider?: SignedInUser): Promise<{ id: string; processInstanceKey: string }>;
  /** Polls the user's inbox (bounded) until an open task of the query appears. */
  waitForTask(user: SignedInUser, query: TaskQuery): Promise<InboxTask>;
  /** The open tasks of the query the user may take right now (unassigned or theirs). */
  openTasks(user: SignedInUser, query: Partial<TaskQuery>): Promise<InboxTask[]>;
  /** Claims the task unless it is already the user's, then completes it with the form's data. */
  complete(user: SignedInUser, task: InboxTask, variables: Record<string, unknown>): Promise<void>;
  /** `waitForTask`, then `complete`. */
  completeTask(user: SignedInUser, query: TaskQuery, variables: Record<string, unknown>): Promise<InboxTask>;
  /** Polls GET /intentions/:id until the status is reached; returns the dossier. */
  waitForStatus(user: SignedInUser, intentionId: string, status: IntentionStatus): Promise<Record<string, any>>;
  /** Waits until a process instance ended; returns how (`completed`, with the last end event it reached, or `terminated`). */
  waitForEnd(processInstanceKey: string): Promise<{ state: 'completed' | 'terminated'; endEvent: string | null }>;
  /** Whether the instance is still running (nothing ended it). */
  isRunning(processInstanceKey: string): Promise<boolean>;
  /** Moves the engine's clock forward: due timers fire, nobody sleeps. */
  passTime(ms: number): void;
  eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * The product as it runs: the api and the worker app on one fresh database (its own, so test
 * files run in parallel), the embedded engine over real gRPC, and the models of bpmn/
 * deployed by the worker's start-up deployer, as `apps/worker/src/main.ts` does.
 */
export async function startProcesses(config: Partial<AppConfig> = {}): Promise<ProcessHarness> {
  // Short job leases: a task whose element was terminated (a withdrawal) is seen cancelled within a second.
  const settings = { taskJobTimeoutMs: 2_000, ...config };
  const api = await startTestApi(settings);
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_JWT_SECRET }),
      ...settings,
      databaseUrl: api.database.url,
      zeebeGrpcAddress: api.engine.address,
    }),
    { logger: false },
  );
  await worker.init();
  const deployment = await worker.get(ModelDeployer).deployIfChanged('bpmn');
  if (!deployment.deployed) throw new Error('the models of bpmn/ were not deployed to the fresh engine');
  const sql = new pg.Client({ connectionString: api.database.url });
  await sql.connect();

  const http = (user: SignedInUser) => request.agent(api.app.getHttpServer()).set(user.auth);
  const eventually = async <T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = WAIT_MS): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const [provider, orpOfficial, orpHead, memberA, memberB, districtChair, regionalOfficer, councilSecretary] = await Promise.all([
    api.signIn('provider'),
    api.signIn('orp_official'),
    api.signIn('orp_head'),
    api.signIn('district_member'),
    api.signIn('district_member'),
    api.signIn('district_chair'),
    api.signIn('regional_officer'),
    api.signIn('council_secretary'),
  ]);
  // The district team of Brno-venkov (Židlochovice's district): two members give opinions; the chair decides.
  await aDistrictTeam(api.app.get(DataSource), 'brno-venkov', { [memberA.id]: 'member', [memberB.id]: 'member' });
  const cast: Cast = { provider, orpOfficial, orpHead, districtMembers: [memberA, memberB], districtChair, regionalOfficer, councilSecretary };

  const openTasks = async (user: SignedInUser, query: Partial<TaskQuery>): Promise<InboxTask[]> => {
    const response = await http(user)
      .post('/tasks/search')
      .send({ state: 'CREATED', ...(query.intentionId ? { intentionId: query.intentionId } : {}), ...(query.bpmnProcessId ? { bpmnProcessId: query.bpmnProcessId } : {}), pageSize: 100 });
    if (response.status !== 200) throw new Error(`POST /tasks/search answered ${response.status}: ${response.text}`);
    // A member of a group sees the tasks assigned to the others too (the district's opinions): only what the user may take.
    return (response.body.items as InboxTask[]).filter(
      (task) => (!query.taskDefinitionId || task.taskDefinitionId === query.taskDefinitionId) && (task.assignee === null || task.assignee === user.id),
    );
  };

  const complete = async (user: SignedInUser, task: InboxTask, variables: Record<string, unknown>) => {
    if (task.assignee !== user.id) {
      const claimed = await http(user).post(`/tasks/${task.id}/claim`);
      if (claimed.status !== 200) throw new Error(`claim of task ${task.id} (${task.taskDefinitionId}) by ${user.id} answered ${claimed.status}: ${claimed.text}`);
    }
    const completed = await http(user).post(`/tasks/${task.id}/complete`).send({ variables });
    if (completed.status !== 200) throw new Error(`completion of task ${task.id} (${task.taskDefinitionId}) answered ${completed.status}: ${completed.text}`);
  };

  const waitForTask = (user: SignedInUser, query: TaskQuery) =>
    eventually(async () => (await openTasks(user, query))[0], `task '${query.taskDefinitionId}'${query.intentionId ? ` of intention ${query.intentionId}` : ''} in the inbox of ${user.id}`);

  const instanceEnd = async (processInstanceKey: string) => {
    const { rows } = await sql.query(
      `SELECT intent FROM engine.records WHERE key = $1 AND value_type = 'PROCESS_INSTANCE' AND intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED') LIMIT 1`,
      [processInstanceKey],
    );
    return rows[0]?.intent as string | undefined;
  };

  return {
    api,
    worker,
    sql,
    cast,
    http,
    signIn: (role, overrides) => api.signIn(role, overrides),
    submitIntention: async (overrides = {}, submitter = provider) => {
      const draft = await http(submitter).post('/intentions').send(anIntentionRequest(overrides));
      if (draft.status !== 201) throw new Error(`POST /intentions answered ${draft.status}: ${draft.text}`);
      const submitted = await http(submitter).post(`/intentions/${draft.body.id}/submit`);
      if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${submitted.text}`);
      return { id: draft.body.id as string, processInstanceKey: submitted.body.processInstanceKey as string };
    },
    waitForTask,
    openTasks,
    complete,
    completeTask: async (user, query, variables) => {
      const task = await waitForTask(user, query);
      await complete(user, task, variables);
      return task;
    },
    waitForStatus: async (user, intentionId, status) => {
      let last = '(none)';
      try {
        return await eventually(async () => {
          const response = await http(user).get(`/intentions/${intentionId}`);
          if (response.status !== 200) throw new Error(`GET /intentions/${intentionId} answered ${response.status}: ${response.text}`);
          last = response.body.status;
          return response.body.status === status ? (response.body as Record<string, any>) : undefined;
        }, `intention ${intentionId} to become ${status}`);
      } catch (error) {
        throw new Error(`${(error as Error).message}; it is ${last}`);
      }
    },
    waitForEnd: async (processInstanceKey) => {
      const intent = await eventually(() => instanceEnd(processInstanceKey), `the end of instance ${processInstanceKey}`);
      if (intent === 'ELEMENT_TERMINATED') return { state: 'terminated', endEvent: null };
      const { rows } = await sql.query(
        `SELECT value->>'elementId' AS "elementId" FROM engine.records
         WHERE value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED' AND value->>'bpmnElementType' = 'END_EVENT'
           AND value->>'processInstanceKey' = $1
         ORDER BY position DESC LIMIT 1`,
        [processInstanceKey],
      );
      return { state: 'completed', endEvent: (rows[0]?.elementId as string | undefined) ?? null };
    },
    isRunning: async (processInstanceKey) => (await instanceEnd(processInstanceKey)) === undefined,
    passTime: (ms) => api.engine.engine.clock.increaseTime(ms),
    eventually,
    close: async () => {
      await sql.end();
      await worker.close();
      await api.close();
    },
  };
}

/** Today's date (YYYY-MM-DD, UTC): resolutions may not be dated in the future, and their number carries the year. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Two-digit year of today, as resolution numbers carry it. */
export function yy(): string {
  return today().slice(2, 4);
}

/** The ORP's declaration of need citing its community plan, with a pledge (new services). */
export function aDeclaration(pledgedCofinancing?: number): Record<string, unknown> {
  return {
    needDecision: 'declared',
    communityPlanTitle: 'Komunitní plán sociálních služeb ORP Židlochovice',
    communityPlanPeriod: '2025–2027',
    communityPlanMeasure: 'Opatření 2.1 Rozvoj pobytových služeb pro seniory',
    ...(pledgedCofinancing === undefined ? {} : { pledgedCofinancing }),
  };
}

/** A district team member's opinion in the order need, availability, cost, quality, interconnection. */
export function anOpinion(scores: [number, number, number, number, number], comment = 'Služba v území chybí, tým ji podporuje.'): Record<string, unknown> {
  const [scoreNeed, scoreAvailability, scoreCost, scoreQuality, scoreInterconnection] = scores;
  return { scoreNeed, scoreAvailability, scoreCost, scoreQuality, scoreInterconnection, opinionComment: comment };
}

/** Resolution numbers unique within a test file's database: running number / year / body and meeting. */
let lastResolution = 100;
export function aResolutionNumber(body: 'council' | 'assembly'): string {
  lastResolution += 1;
  return `${lastResolution}/${yy()}/${body === 'council' ? 'R12' : 'Z7'}`;
}

/** The ORP officials declare the need for an intention (the pledge at the required 20 % of a § 49 residential service by default). */
export async function declareNeed(harness: ProcessHarness, intentionId: string, pledgedCofinancing = 2_400_000): Promise<void> {
  await harness.completeTask(harness.cast.orpOfficial, { taskDefinitionId: 'declare', intentionId }, aDeclaration(pledgedCofinancing));
}

/** Each member of the district team gives an opinion (in team order), then the chair decides. */
export async function reviewInDistrict(
  harness: ProcessHarness,
  intentionId: string,
  scores: [number, number, number, number, number][],
  chair: Record<string, unknown> = { chairDecision: 'recommend', chairReason: 'Tým záměr jednomyslně doporučuje.' },
): Promise<void> {
  const { districtMembers, districtChair } = harness.cast;
  for (const [index, member] of districtMembers.entries()) {
    await harness.completeTask(member, { taskDefinitionId: 'giveOpinion', intentionId }, anOpinion(scores[index]));
  }
  await harness.completeTask(districtChair, { taskDefinitionId: 'chairDecides', intentionId }, chair);
}

/** The council secretary records the Council's and then the Assembly's resolution. */
export async function decideInRegion(
  harness: ProcessHarness,
  intentionId: string,
  decisions: { council?: 'recommends' | 'does-not-recommend'; assembly?: 'approved' | 'rejected' } = {},
): Promise<{ councilNumber: string; assemblyNumber: string }> {
  const { councilSecretary } = harness.cast;
  const councilNumber = aResolutionNumber('council');
  const assemblyNumber = aResolutionNumber('assembly');
  await harness.completeTask(
    councilSecretary,
    { taskDefinitionId: 'councilResolution', intentionId },
    { councilDecision: decisions.council ?? 'recommends', councilResolutionNumber: councilNumber, councilResolutionDate: today() },
  );
  await harness.completeTask(
    councilSecretary,
    { taskDefinitionId: 'assemblyResolution', intentionId },
    { assemblyDecision: decisions.assembly ?? 'approved', assemblyResolutionNumber: assemblyNumber, assemblyResolutionDate: today() },
  );
  return { councilNumber, assemblyNumber };
}
