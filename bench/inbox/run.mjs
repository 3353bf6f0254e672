// Inbox benchmark: task search of a territory-scoped official with a million tasks in the
// table, and the time from a user-task job's creation to the task in the inbox.
//
//   npm run build && node bench/inbox/run.mjs [--tasks 1000000] [--samples 1000] [--latency-samples 200]
//
// DATABASE_URL selects the PostgreSQL server (a fresh database is created on it); without it
// an embedded PostgreSQL is started in a temporary directory. The api, the worker and the
// engine run in this process as the tests run them, over real HTTP and gRPC.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Camunda8 } from '@camunda8/sdk';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { createApi } from '../../dist/apps/api/src/bootstrap.js';
import { WorkerModule } from '../../dist/apps/worker/src/worker.module.js';
import { AccountsService } from '../../dist/libs/auth/src/index.js';
import { loadConfig } from '../../dist/libs/config/src/index.js';
import { startEngine } from '../../dist/libs/engine/src/index.js';
import { JMK_ORPS } from '../../dist/libs/domain/src/index.js';
import { openDataSource } from '../../dist/libs/persistence/src/index.js';
import { benchDatabase } from '../database.mjs';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '1000' },
    'latency-samples': { type: 'string', default: '200' },
  },
});
const TASKS = Number(args.tasks);
const SAMPLES = Number(args.samples);
const LATENCY_SAMPLES = Number(args['latency-samples']);
const OFFICIAL_ORP = 'brno';
const PASSWORD = 'bench-password';

const database = await benchDatabase('bench_inbox');
const databaseUrl = database.url;
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

let engine;
let api;
let worker;
try {
  const migrated = await openDataSource(databaseUrl);
  await migrated.destroy();
  const fill = await fillTasks();
  engine = await startEngine({ databaseUrl, port: 0 });
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: randomBytes(32).toString('hex') }), databaseUrl, zeebeGrpcAddress: `grpc://127.0.0.1:${engine.port}` };
  api = await createApi(config);
  await api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${api.getHttpServer().address().port}`;
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await worker.init();

  await api.get(AccountsService).createLocalUser({ login: 'bench.brno', password: PASSWORD, displayName: 'Úřednice ORP Brno', role: 'orp_official', territory: { kind: 'orp', id: OFFICIAL_ORP } });
  const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench.brno', password: PASSWORD }) });
  const { accessToken } = await signIn.json();
  const auth = { authorization: `Bearer ${accessToken}` };

  const search = await measureSearch(base, auth);
  const latency = await measureLatency(base, auth, accessToken);
  console.log(JSON.stringify({ tasks: fill, official: `orp_official of orp:${OFFICIAL_ORP}`, samples: SAMPLES, search, jobToVisibleTask: latency }, null, 2));
} finally {
  await worker?.close();
  await api?.close();
  await engine?.stop();
  await database.drop();
}

/**
 * A million tasks as years of the planning cycle leave them: ORPs weighted by population,
 * most tasks completed long ago, a few open; each with its access rows, as the worker writes them.
 */
async function fillTasks() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const orps = JMK_ORPS.flatMap((orp) => Array(Math.max(1, Math.round(orp.population2021 / 10_000))).fill(orp));
    const started = performance.now();
    await client.query(`SELECT setseed(0.42)`);
    await client.query(`CREATE TEMP TABLE weighted (n int, orp text, district text)`);
    await client.query(
      `INSERT INTO weighted SELECT ordinality - 1, orp, district FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(orp, district)`,
      [orps.map((orp) => orp.id), orps.map((orp) => orp.districtId)],
    );
    // Keys of partitions 3 and 4, which the embedded engine (partition 1) never hands out.
    // Groups as the models use them: declarations (orp), escalations (orp-head), opinions (district), chair decisions,
    // the region's departments, providers' resubmissions.
    await client.query(
      `INSERT INTO task (job_key, name, element_id, bpmn_process_id, process_name, process_instance_key, process_definition_key, intention_id,
         orp_id, district_id, candidate_groups, assignee, state, due_at, created_at, completed_at, completed_by, canceled_at, lease_until,
         reminded_at, overdue_notified_at)
       SELECT (6755399441055744 + g)::text, 'Deklarace potřebnosti ORP', 'declare', 'orp-need-declaration', 'Deklarace potřebnosti ORP',
         (9007199254740992 + g)::text, '6755399441055743', g / 4, w.orp, w.district,
         ARRAY[CASE WHEN r.kind < 0.40 THEN 'orp:' || w.orp WHEN r.kind < 0.45 THEN 'orp-head:' || w.orp WHEN r.kind < 0.70 THEN 'district:' || w.district
                    WHEN r.kind < 0.75 THEN 'district-chair:' || w.district WHEN r.kind < 0.85 THEN 'region:jmk:social-dept'
                    WHEN r.kind < 0.95 THEN 'region:jmk:council-secretary' ELSE 'provider:' || (10000000 + g % 5000)::text END],
         CASE WHEN r.state >= 0.05 OR r.assigned < 0.3 THEN 'user-' || (g % 700) END,
         CASE WHEN r.state < 0.05 THEN 'CREATED' WHEN r.state < 0.10 THEN 'CANCELED' ELSE 'COMPLETED' END,
         created + (14 + (g % 77)) * interval '1 day', created,
         CASE WHEN r.state >= 0.10 THEN created + interval '3 days' END, CASE WHEN r.state >= 0.10 THEN 'user-' || (g % 700) END,
         CASE WHEN r.state >= 0.05 AND r.state < 0.10 THEN created + interval '5 days' END,
         now() + interval '1 year', created, created
       FROM generate_series(1, $1::int) AS g
       CROSS JOIN LATERAL (SELECT random() AS kind, random() AS state, random() AS assigned, random() AS place, g AS n) AS r -- g: drawn per row, not once
       CROSS JOIN LATERAL (SELECT now() - interval '5 years' * (1 - g::float8 / $1) AS created) AS t
       JOIN weighted w ON w.n = floor(r.place * $2)::int`,
      [TASKS, orps.length],
    );
    await client.query(
      `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
       SELECT t.id, k.key, t.state, t.created_at, coalesce(t.due_at, 'infinity'), t.priority, t.assignee IS NOT NULL
       FROM task t CROSS JOIN LATERAL (SELECT 'g:' || unnest(t.candidate_groups) AS key UNION SELECT 'u:' || t.assignee WHERE t.assignee IS NOT NULL) AS k`,
    );
    // Some of the open work of the group is the bench official's own.
    await client.query(`UPDATE task SET assignee = 'bench.brno' WHERE id IN (SELECT id FROM task WHERE state = 'CREATED' AND candidate_groups = ARRAY['orp:${OFFICIAL_ORP}'] AND assignee IS NULL LIMIT 200)`);
    await client.query(
      `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
       SELECT id, 'u:bench.brno', state, created_at, coalesce(due_at, 'infinity'), priority, true FROM task WHERE assignee = 'bench.brno'`,
    );
    await client.query(`UPDATE task_access SET assigned = true WHERE task_id IN (SELECT id FROM task WHERE assignee = 'bench.brno')`);
    await client.query(`VACUUM ANALYZE task`);
    await client.query(`VACUUM ANALYZE task_access`);
    const [{ total, open, mine, mineOpen, accessRows }] = (
      await client.query(
        `SELECT (SELECT count(*) FROM task)::int AS total, (SELECT count(*) FROM task WHERE state = 'CREATED')::int AS open,
                (SELECT count(*) FROM task WHERE candidate_groups && ARRAY['orp:${OFFICIAL_ORP}'])::int AS mine,
                (SELECT count(*) FROM task WHERE candidate_groups && ARRAY['orp:${OFFICIAL_ORP}'] AND state = 'CREATED')::int AS "mineOpen",
                (SELECT count(*) FROM task_access)::int AS "accessRows"`,
      )
    ).rows;
    log(`filled ${total} tasks in ${round((performance.now() - started) / 1000)} s`);
    return { total, open, ofTheOfficialsGroup: mine, openOfTheOfficialsGroup: mineOpen, accessRows, fillSeconds: round((performance.now() - started) / 1000) };
  } finally {
    await client.end();
  }
}

/** p50/p99 of POST /tasks/search (and GET /tasks/counts) over HTTP, as the inbox page calls them. */
async function measureSearch(base, auth) {
  const post = (body) => fetch(`${base}/tasks/search`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const firstPage = await (await post({ state: 'CREATED', pageSize: 50 })).json();
  let deep = firstPage.searchAfter;
  for (let page = 0; page < 10 && deep; page++) deep = (await (await post({ state: 'CREATED', pageSize: 50, searchAfter: deep })).json()).searchAfter;
  const historyFirst = await (await post({ pageSize: 50 })).json();
  const queries = {
    'open tasks, newest first (Moje úkoly)': () => post({ state: 'CREATED', pageSize: 50 }),
    'open tasks, by due date': () => post({ state: 'CREATED', sort: { field: 'due', order: 'asc' }, pageSize: 50 }),
    'open and unassigned': () => post({ state: 'CREATED', unassigned: true, pageSize: 50 }),
    'assigned to me': () => post({ state: 'CREATED', assignedToMe: true, pageSize: 50 }),
    'open tasks, 11th page (searchAfter)': () => post({ state: 'CREATED', pageSize: 50, searchAfter: deep }),
    'all states (history), newest first': () => post({ pageSize: 50 }),
    'all states, 2nd page': () => post({ pageSize: 50, searchAfter: historyFirst.searchAfter }),
    'one intention (filter)': () => post({ intentionId: String(firstPage.items[0]?.intentionId ?? 1) }),
    'badge counts (GET /tasks/counts)': () => fetch(`${base}/tasks/counts`, { headers: auth }),
  };
  const results = {};
  for (const [name, call] of Object.entries(queries)) {
    for (let i = 0; i < 50; i++) await (await call()).arrayBuffer();
    const times = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      const response = await call();
      await response.arrayBuffer();
      times.push(performance.now() - start);
      if (!response.ok) throw new Error(`${name} answered ${response.status}`);
    }
    results[name] = stats(times);
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
  results.firstPageItems = firstPage.items.length;
  return results;
}

/**
 * From sending CreateProcessInstance (whose command creates the user-task job) until the task
 * is in the official's live inbox (task.created on GET /me/events) and until a search lists it.
 */
async function measureLatency(base, auth, accessToken) {
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  }).getZeebeGrpcApiClient();
  await zeebe.deployResource({
    process: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="bench">
  <bpmn:process id="bench-user-task" name="Bench" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <bpmn:userTask id="t" name="Úkol"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&#34;orp:${OFFICIAL_ORP}&#34;]"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`),
    name: 'bench-user-task.bpmn',
  });
  const events = await fetch(`${base}/me/events?access_token=${accessToken}`);
  if (!events.ok) throw new Error(`GET /me/events answered ${events.status}`);
  const reader = events.body.pipeThrough(new TextDecoderStream()).getReader();
  // When task.created arrived per process instance (it may come before CreateProcessInstance returns).
  const arrivals = new Map();
  const waiting = new Map();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.includes('event: task.created')) continue;
        const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6));
        arrivals.set(data.processInstanceKey, performance.now());
        waiting.get(data.processInstanceKey)?.(performance.now());
      }
    }
  })();
  const live = [];
  const listed = [];
  for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
    let arrived;
    const received = new Promise((resolve) => (arrived = resolve));
    const sent = performance.now();
    const { processInstanceKey } = await zeebe.createProcessInstance({ bpmnProcessId: 'bench-user-task', variables: {} });
    waiting.set(processInstanceKey, arrived);
    if (arrivals.has(processInstanceKey)) arrived(arrivals.get(processInstanceKey));
    const atEvent = await Promise.race([received, new Promise((_, reject) => setTimeout(() => reject(new Error(`no task.created for instance ${processInstanceKey} within 5 s`)), 5_000))]);
    // Then as a page polls: the search lists the task.
    let atSearch;
    for (;;) {
      const page = await (await fetch(`${base}/tasks/search`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ state: 'CREATED', pageSize: 5 }) })).json();
      atSearch = performance.now();
      if (page.items.some((task) => task.processInstanceKey === processInstanceKey)) break;
    }
    waiting.delete(processInstanceKey);
    if (i >= 20) {
      live.push(atEvent - sent);
      listed.push(atSearch - sent);
    }
  }
  await reader.cancel();
  await zeebe.close();
  return { liveEvent: stats(live), listedBySearch: stats(listed), samples: live.length };
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]) };
}

function round(value) {
  return Math.round(value * 10) / 10;
}
