// The inbox benches' data: a table of tasks as years of the planning cycle leave them, and the
// ORP official of Brno whose inbox the benches open (bench/inbox/run.mjs, bench/web/run.mjs).
import pg from 'pg';
import { JMK_ORPS } from '../../dist/libs/domain/src/index.js';
import { round } from '../stats.mjs';

/** The official's ORP (the largest: the most tasks of its group) and login. */
export const OFFICIAL_ORP = 'brno';
export const OFFICIAL_LOGIN = 'bench.brno';

/**
 * `tasks` tasks (a million in the recorded runs) as years of the planning cycle leave them: ORPs
 * weighted by population, most tasks completed long ago, a few open; each with its access rows,
 * as the worker writes them. Logs and returns what the table holds then.
 */
export async function fillTasks(databaseUrl, tasks, log) {
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
      [tasks, orps.length],
    );
    await client.query(
      `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
       SELECT t.id, k.key, t.state, t.created_at, coalesce(t.due_at, 'infinity'), t.priority, t.assignee IS NOT NULL
       FROM task t CROSS JOIN LATERAL (SELECT 'g:' || unnest(t.candidate_groups) AS key UNION SELECT 'u:' || t.assignee WHERE t.assignee IS NOT NULL) AS k`,
    );
    // Some of the open work of the group is the bench official's own.
    await client.query(`UPDATE task SET assignee = '${OFFICIAL_LOGIN}' WHERE id IN (SELECT id FROM task WHERE state = 'CREATED' AND candidate_groups = ARRAY['orp:${OFFICIAL_ORP}'] AND assignee IS NULL LIMIT 200)`);
    await client.query(
      `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
       SELECT id, 'u:${OFFICIAL_LOGIN}', state, created_at, coalesce(due_at, 'infinity'), priority, true FROM task WHERE assignee = '${OFFICIAL_LOGIN}'`,
    );
    await client.query(`UPDATE task_access SET assigned = true WHERE task_id IN (SELECT id FROM task WHERE assignee = '${OFFICIAL_LOGIN}')`);
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
