// The editors' check (POST /admin/deployments/check) as the web modeler calls it while an
// administrator edits a model: one model, a little different each time (nothing remembered
// from the call before), over real HTTP to the api with the embedded engine.
//
//   npm run build:server && node bench/check/run.mjs [--samples 100] [--model bpmn/intention-submission.bpmn]
//
// DATABASE_URL selects the PostgreSQL server (a fresh database is created on it); without it
// an embedded PostgreSQL is started in a temporary directory.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createApi } from '../../dist/apps/api/src/bootstrap.js';
import { AccountsService } from '../../dist/libs/auth/src/index.js';
import { loadConfig } from '../../dist/libs/config/src/index.js';
import { startEngine } from '../../dist/libs/engine/src/index.js';
import { lintBpmn } from '../../dist/libs/modeling/src/index.js';
import { benchDatabase } from '../database.mjs';
import { stats } from '../stats.mjs';

const { values: args } = parseArgs({
  options: { samples: { type: 'string', default: '100' }, model: { type: 'string', default: 'bpmn/intention-submission.bpmn' } },
});
const SAMPLES = Number(args.samples);
const WARM_UP = 10;
const xml = readFileSync(args.model, 'utf8');
/** The model as edited the n-th time: a comment makes its text (and so its lint) new. */
const edit = (n) => xml.replace('</bpmn:definitions>', `<!-- edit ${n} --></bpmn:definitions>`);

const database = await benchDatabase('bench_check');
const engine = await startEngine({ databaseUrl: database.url, port: 0 });
const api = await createApi({
  ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: randomBytes(32).toString('hex') }),
  databaseUrl: database.url,
  zeebeGrpcAddress: `grpc://127.0.0.1:${engine.port}`,
});
try {
  await api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${api.getHttpServer().address().port}`;
  const password = randomBytes(12).toString('hex');
  await api.get(AccountsService).createLocalUser({ login: 'bench.admin', password, displayName: 'Bench', role: 'administrator', territory: { kind: 'region', id: 'jmk' } });
  const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench.admin', password }) });
  const { accessToken } = await signIn.json();

  const check = async (n) => {
    const started = performance.now();
    const response = await fetch(`${base}/admin/deployments/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ files: [{ name: basename(args.model), content: edit(n) }] }),
    });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`check answered ${response.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, problems: body.problems.length };
  };
  const lintAlone = async (n) => {
    const started = performance.now();
    await lintBpmn(edit(`lint-${n}`));
    return performance.now() - started;
  };

  for (let n = 0; n < WARM_UP; n += 1) await check(`warm-${n}`);
  const checks = [];
  for (let n = 0; n < SAMPLES; n += 1) checks.push(await check(n));
  const lints = [];
  for (let n = 0; n < SAMPLES; n += 1) lints.push(await lintAlone(n));
  // The same text again: what a check of a draft's unchanged files costs.
  const repeated = [];
  for (let n = 0; n < SAMPLES; n += 1) repeated.push((await check(0)).ms);

  console.log(
    JSON.stringify(
      {
        model: args.model,
        bytes: Buffer.byteLength(xml),
        samples: SAMPLES,
        problems: checks[0].problems,
        checkMs: stats(checks.map((sample) => sample.ms)),
        lintInWorkerMs: stats(lints),
        unchangedModelCheckMs: stats(repeated),
      },
      null,
      2,
    ),
  );
} finally {
  await api.close();
  await engine.stop();
  await database.drop();
}
