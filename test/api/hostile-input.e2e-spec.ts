import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { anIntentionRequest } from '../factories/intention.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

/**
 * Issue 17's hostile requests, replayed: each was a 500 (or silently accepted) and is now a 4xx
 * with a machine-readable code naming the field, and writes nothing.
 */
describe('hostile input at the API boundary', () => {
  let api: TestApi;
  let sql: pg.Client;
  let provider: SignedInUser;
  let draftId: string;
  const http = () => request(api.app.getHttpServer());
  /** Sends a raw JSON text (so that 1e308 and lone surrogates reach the server as written). */
  const sendJson = (method: 'post' | 'patch' | 'put', path: string, json: string, user: SignedInUser | null = provider) => {
    const call = http()[method](path).set('Content-Type', 'application/json');
    return (user ? call.set(user.auth) : call).send(json);
  };
  const fieldsOf = (body: { error: { fields?: { field: string; code: string }[] } }) => (body.error.fields ?? []).map(({ field, code }) => `${field}:${code}`);

  /** What a refused request must leave as it was: intentions, their history, the audit log, notifications. */
  const snapshot = async () =>
    (
      await sql.query(`SELECT (SELECT count(*) FROM intention)::int AS intentions, (SELECT count(*) FROM intention_event)::int AS events,
        (SELECT max(id) FROM audit_entry)::text AS "auditHead", (SELECT count(*) FROM user_notification WHERE read_at IS NOT NULL)::int AS "readNotifications",
        (SELECT justification FROM intention WHERE id = $1) AS justification`, [draftId])
    ).rows[0];

  beforeAll(async () => {
    api = await startTestApi();
    provider = await api.signIn('provider');
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    draftId = (await http().post('/intentions').set(provider.auth).send(anIntentionRequest()).expect(201)).body.id;
    // Two unread notifications: a "mark all" would show.
    for (const n of [1, 2]) {
      await sql.query(`INSERT INTO user_notification (user_id, source_key, kind, title, body, in_app) VALUES ($1, $2, 'task-created', 'Úkol', 'Text', true)`, [provider.id, `hostile-${n}`]);
    }
  });
  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  const NUL = JSON.stringify('Zdůvodnění\u0000');
  const LONE = JSON.stringify('Zdůvodnění \ud800');

  const cases: { name: string; send: () => request.Test; status: number; code: string; fields?: string[] }[] = [
    { name: 'NUL in a justification (PATCH /intentions/:id)', send: () => sendJson('patch', `/intentions/${draftId}`, `{"justification": ${NUL}}`), status: 400, code: 'VALIDATION_FAILED', fields: ['justification:INVALID_CHARACTER'] },
    { name: 'a lone surrogate in a justification', send: () => sendJson('patch', `/intentions/${draftId}`, `{"justification": ${LONE}}`), status: 400, code: 'VALIDATION_FAILED', fields: ['justification:INVALID_CHARACTER'] },
    { name: 'NUL in a withdrawal reason', send: () => sendJson('post', `/intentions/${draftId}/withdraw`, `{"reason": ${NUL}}`), status: 400, code: 'VALIDATION_FAILED', fields: ['reason:INVALID_CHARACTER'] },
    { name: 'a lone surrogate in the login of a sign-in', send: () => sendJson('post', '/auth/sign-in', `{"login": ${LONE}, "password": "x"}`, null), status: 400, code: 'VALIDATION_FAILED', fields: ['login:INVALID_CHARACTER'] },
    { name: 'NUL in a comment', send: () => sendJson('post', '/tasks/1/comments', `{"body": ${NUL}}`), status: 400, code: 'VALIDATION_FAILED', fields: ['body:INVALID_CHARACTER'] },
    { name: 'NUL in a path parameter', send: () => http().get('/intentions/1%00').set(provider.auth), status: 400, code: 'VALIDATION_FAILED' },
    { name: 'NUL in a query value', send: () => http().get('/intentions?orpId=a%00b').set(provider.auth), status: 400, code: 'VALIDATION_FAILED', fields: ['orpId:INVALID_CHARACTER'] },
    { name: '1e308 as an amount', send: () => sendJson('patch', `/intentions/${draftId}`, '{"yearlyCosts": 1e308}'), status: 400, code: 'VALIDATION_FAILED', fields: ['yearlyCosts:UNSAFE_NUMBER'] },
    { name: 'an integer beyond 2^53', send: () => sendJson('patch', `/intentions/${draftId}`, '{"requestedSubsidy": 9007199254740993}'), status: 400, code: 'VALIDATION_FAILED', fields: ['requestedSubsidy:UNSAFE_NUMBER'] },
    { name: 'a number that overflows to Infinity', send: () => sendJson('patch', `/intentions/${draftId}`, '{"capacity": 1e400}'), status: 400, code: 'VALIDATION_FAILED', fields: ['capacity:UNSAFE_NUMBER'] },
    { name: 'an amount above the declared maximum', send: () => sendJson('patch', `/intentions/${draftId}`, '{"yearlyCosts": 1000000000001}'), status: 400, code: 'VALIDATION_FAILED', fields: ['yearlyCosts:MAX'] },
    { name: 'NaN as a query number', send: () => http().get('/intentions?planYear=NaN').set(provider.auth), status: 400, code: 'VALIDATION_FAILED' },
    { name: 'Infinity as a query number', send: () => http().get('/intentions?limit=Infinity').set(provider.auth), status: 400, code: 'VALIDATION_FAILED' },
    { name: '{"ids": null} to mark-read (was: all marked read)', send: () => sendJson('post', '/me/notifications/mark-read', '{"ids": null}'), status: 400, code: 'VALIDATION_FAILED', fields: ['ids:NULL_NOT_ALLOWED'] },
    { name: 'null as a task filter', send: () => sendJson('post', '/tasks/search', '{"state": null}'), status: 400, code: 'VALIDATION_FAILED', fields: ['state:NULL_NOT_ALLOWED'] },
    { name: 'null in a nested filter', send: () => sendJson('post', '/tasks/search', '{"sort": {"field": null, "order": "asc"}}'), status: 400, code: 'VALIDATION_FAILED', fields: ['sort.field:NULL_NOT_ALLOWED'] },
    { name: 'null for a required field of a PATCH', send: () => sendJson('patch', `/intentions/${draftId}`, '{"planYear": null}'), status: 400, code: 'VALIDATION_FAILED', fields: ['planYear:NULL_NOT_ALLOWED'] },
    { name: 'a __proto__ key', send: () => sendJson('patch', `/intentions/${draftId}`, '{"__proto__": {"status": "approved_by_assembly"}}'), status: 400, code: 'VALIDATION_FAILED', fields: ['__proto__:UNKNOWN_PROPERTY'] },
    { name: 'a constructor key', send: () => sendJson('patch', `/intentions/${draftId}`, '{"constructor": {"prototype": {}}}'), status: 400, code: 'VALIDATION_FAILED', fields: ['constructor:UNKNOWN_PROPERTY'] },
    { name: 'a nested __proto__ in free-form variables', send: () => sendJson('post', '/tasks/1/complete', '{"variables": {"__proto__": {"x": 1}}}'), status: 400, code: 'VALIDATION_FAILED', fields: ['variables.__proto__:UNKNOWN_PROPERTY'] },
    { name: 'a body sent as text/plain', send: () => http().post(`/intentions/${draftId}/withdraw`).set(provider.auth).set('Content-Type', 'text/plain').send('{"reason": "Jinak"}'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a form-encoded body', send: () => http().patch(`/intentions/${draftId}`).set(provider.auth).type('form').send({ justification: 'x' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a body without a content type', send: () => http().post('/me/notifications/mark-read').set(provider.auth).set('Content-Type', '').send(Buffer.from('{}')), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  ];

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const before = await snapshot();
    const response = await testCase.send();
    expect(response.status).toBe(testCase.status);
    expect(response.body.error).toMatchObject({ code: testCase.code, message: expect.any(String), requestId: expect.any(String) });
    if (testCase.fields) expect(fieldsOf(response.body)).toEqual(testCase.fields);
    expect(await snapshot()).toEqual(before);
  });

  it('still takes what is valid: RTL marks, emoji and surrogate pairs, empty-bodied POSTs, multipart where a route says so', async () => {
    const text = 'Zdůvodnění \u200f\u202e 😀 \ud83d\ude00';
    const patched = await sendJson('patch', `/intentions/${draftId}`, JSON.stringify({ justification: text })).expect(200);
    expect(patched.body.justification).toBe(text);
    await http().post('/me/notifications/mark-read').set(provider.auth).expect(200);
    const admin = await api.signIn('administrator');
    const upload = await http().post('/admin/deployments').set(admin.auth).attach('files', Buffer.from('not a model'), 'notes.txt');
    expect(upload.status).not.toBe(415);
    expect(upload.status).toBeLessThan(500);
  });

  it('answers an API client at / with a JSON 404 in the error shape, pointing at /docs', async () => {
    const response = await http().get('/').set('Accept', 'application/json').expect(404).expect('Content-Type', /json/);
    expect(response.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('/docs/openapi.json'), requestId: expect.any(String) });
  });
});
