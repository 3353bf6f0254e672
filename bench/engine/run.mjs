// Engine benchmark: completed process instances per second (3 service tasks, workers in
// this process, engine in its own process, durable state in PostgreSQL) and job
// activation latency for long polling and for job streaming.
//
//   npm run build && node bench/engine/run.mjs [--instances 3000] [--concurrency 150] [--samples 300]
//
// DATABASE_URL selects the PostgreSQL server (a fresh database is created on it);
// without it an embedded PostgreSQL is started in a temporary directory.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Camunda8 } from '@camunda8/sdk';
import { freePort } from '../../dist/libs/persistence/src/embedded-postgres.js';
import { benchDatabase } from '../database.mjs';

const { values: args } = parseArgs({
  options: {
    instances: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '150' },
    samples: { type: 'string', default: '300' },
  },
});
const INSTANCES = Number(args.instances);
const CONCURRENCY = Number(args.concurrency);
const SAMPLES = Number(args.samples);

const database = await benchDatabase('bench');
const databaseUrl = database.url;

const port = await freePort();
// ENGINE_NODE_ARGS passes extra Node options to the engine process, e.g. `--cpu-prof`.
const engineArgs = (process.env.ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const engine = spawn(process.execPath, [...engineArgs, 'dist/apps/engine/src/main.js'], { env: { ...process.env, DATABASE_URL: databaseUrl, ENGINE_PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  engine.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve());
  engine.on('exit', (code) => reject(new Error(`engine exited with ${code}`)));
});

const zeebe = new Camunda8({
  ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  CAMUNDA_LOG_LEVEL: 'none',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
}).getZeebeGrpcApiClient();

const task = (id, type) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (from, to) => `<bpmn:sequenceFlow id="${from}_${to}" sourceRef="${from}" targetRef="${to}"/>`;
const model = (id, types) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_${id}" targetNamespace="bench">
  <bpmn:process id="${id}" isExecutable="true"><bpmn:startEvent id="start"/>${types.map((type, i) => task(`t${i}`, type)).join('')}<bpmn:endEvent id="end"/>
  ${['start', ...types.map((_, i) => `t${i}`), 'end'].map((id, i, ids) => (i === 0 ? '' : flow(ids[i - 1], id))).join('')}</bpmn:process></bpmn:definitions>`;

try {
  const throughputStreaming = await measureThroughput('streaming');
  const throughputPolling = await measureThroughput('polling');
  const polling = await measureLatency('polling');
  const streaming = await measureLatency('streaming');
  console.log(
    JSON.stringify(
      { instances: INSTANCES, concurrency: CONCURRENCY, throughput: { streamingWorkers: throughputStreaming, pollingWorkers: throughputPolling }, activationLatency: { polling, streaming } },
      null,
      2,
    ),
  );
} finally {
  await zeebe.close();
  engine.kill('SIGTERM');
  await new Promise((resolve) => engine.on('exit', resolve));
  await database.drop();
}

async function measureThroughput(mode) {
  const types = ['a', 'b', 'c'].map((name) => `bench-${mode}-${name}`);
  const processId = `bench3_${mode}`;
  await zeebe.deployResource({ process: Buffer.from(model(processId, types)), name: `${processId}.bpmn` });
  const workers = await Promise.all(
    types.map((type) =>
      mode === 'streaming'
        ? zeebe.streamJobs({ type, worker: 'bench', timeout: 60_000, tenantIds: [], taskHandler: (job) => job.complete({ [type]: true }) })
        : zeebe.createWorker({ taskType: type, taskHandler: (job) => job.complete({ [type]: true }), maxJobsToActivate: 64, pollInterval: 10, timeout: 60_000 }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  let started = 0;
  let completed = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < INSTANCES) {
        started++;
        await zeebe.createProcessInstanceWithResult({ bpmnProcessId: processId, variables: { n: started }, requestTimeout: 60_000 });
        completed++;
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  await Promise.all(workers.map((worker) => worker.close()));
  return { completedInstances: completed, seconds: round(seconds), instancesPerSecond: round(completed / seconds) };
}

async function measureLatency(mode) {
  const type = `latency-${mode}`;
  const processId = `latency_${mode}`;
  await zeebe.deployResource({ process: Buffer.from(model(processId, [type])), name: `${processId}.bpmn` });
  const latencies = [];
  let resolveJob;
  const onJob = () => resolveJob?.(performance.now());
  let stop;
  if (mode === 'streaming') {
    const worker = await zeebe.streamJobs({ type, worker: 'bench', timeout: 60_000, tenantIds: [], taskHandler: (job) => (onJob(), job.complete()) });
    stop = () => worker.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
  } else {
    let polling = true;
    const loop = (async () => {
      while (polling) {
        const jobs = await zeebe.activateJobs({ type, worker: 'bench', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 2_000 });
        for (const job of jobs) {
          onJob();
          await zeebe.completeJob({ jobKey: job.key, variables: {} });
        }
      }
    })();
    stop = async () => {
      polling = false;
      await loop;
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  for (let i = 0; i < SAMPLES + 20; i++) {
    const received = new Promise((resolve) => (resolveJob = resolve));
    const sent = performance.now();
    await zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const at = await received;
    // The first samples warm up connections and the JIT.
    if (i >= 20) latencies.push(at - sent);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await stop();
  latencies.sort((a, b) => a - b);
  const percentile = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]);
  return { samples: latencies.length, p50Ms: percentile(50), p99Ms: percentile(99) };
}

function round(value) {
  return Math.round(value * 100) / 100;
}
