// Inbox benchmark: task search of a territory-scoped official with a million tasks in the
// table, and the time from a user-task job's creation to the task in the inbox.
//
//   npm run build && node bench/inbox/run.mjs [--tasks 1000000] [--samples 1000] [--latency-samples 200]
//
// DATABASE_URL selects the PostgreSQL server (a fresh database is created on it); without it
// an embedded PostgreSQL is started in a temporary directory. The api, the worker and the
// engine run in this process as the tests run them, over real HTTP and gRPC.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openDataSource } from '../../dist/libs/persistence/src/index.js';
import { benchDatabase } from '../database.mjs';
import { fillTasks, OFFICIAL_LOGIN, OFFICIAL_ORP } from './fill.mjs';
import { stats } from '../stats.mjs';
import { OFFICIAL_PASSWORD, startProduct, USER_TASK_PROCESS_ID, userTaskProcess } from './product.mjs';

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

const database = await benchDatabase('bench_inbox');
const databaseUrl = database.url;
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

let product;
try {
  const migrated = await openDataSource(databaseUrl);
  await migrated.destroy();
  const fill = await fillTasks(databaseUrl, TASKS, log);
  product = await startProduct(databaseUrl);
  const { base, engine } = product;
  const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: OFFICIAL_LOGIN, password: OFFICIAL_PASSWORD }) });
  const { accessToken } = await signIn.json();
  const auth = { authorization: `Bearer ${accessToken}` };

  const search = await measureSearch(base, auth);
  const latency = await measureLatency(base, auth, accessToken, engine);
  console.log(JSON.stringify({ tasks: fill, official: `orp_official of orp:${OFFICIAL_ORP}`, samples: SAMPLES, search, jobToVisibleTask: latency }, null, 2));
} finally {
  await product?.stop();
  await database.drop();
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
async function measureLatency(base, auth, accessToken, engine) {
  const zeebe = await userTaskProcess(engine);
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
    const { processInstanceKey } = await zeebe.createProcessInstance({ bpmnProcessId: USER_TASK_PROCESS_ID, variables: {} });
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
