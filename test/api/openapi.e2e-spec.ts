import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anIntentionRequest } from '../factories/intention.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from '../inbox/support.js';
import type { SignedInUser } from '../support/api.js';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** The routes that answer without a token. */
const PUBLIC = [
  'POST /auth/sign-in',
  'POST /auth/refresh',
  'POST /auth/sign-out',
  'POST /auth/session/sign-out',
  'GET /auth/session/options',
  'GET /auth/session/oidc',
  'GET /auth/session/oidc/callback',
  'GET /health',
];
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Where a JSON value departs from a schema of the document: a strict reading, so a property
 * the schema does not describe counts as much as a missing or mistyped one.
 */
function departures(document: Document, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return departures(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')], value, path);
  if (value === null) return schema.nullable ? [] : [`${path} is null`];
  if (schema.allOf) return schema.allOf.flatMap((part) => departures(document, part, value, path));
  if (schema.oneOf) return schema.oneOf.some((part) => departures(document, part, value, path).length === 0) ? [] : [`${path} matches no oneOf`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path} = ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  const wrong = (expected: string) => [`${path} is ${JSON.stringify(value)}, not ${expected}`];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return wrong('a string');
      return schema.format === 'date-time' && !DATE_TIME.test(value) ? wrong('a date-time') : [];
    case 'integer':
      return Number.isInteger(value) ? [] : wrong('an integer');
    case 'number':
      return typeof value === 'number' ? [] : wrong('a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('a boolean');
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, index) => departures(document, schema.items ?? {}, item, `${path}[${index}]`)) : wrong('an array');
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) return wrong('an object');
      const record = value as Record<string, unknown>;
      const missing = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key} is missing`);
      const properties = Object.entries(record).flatMap(([key, item]) => {
        const described = schema.properties?.[key];
        if (described) return departures(document, described, item, `${path}.${key}`);
        if (schema.additionalProperties === true) return [];
        if (typeof schema.additionalProperties === 'object') return departures(document, schema.additionalProperties, item, `${path}.${key}`);
        return [`${path}.${key} is not described`];
      });
      return [...missing, ...properties];
    }
  }
}

describe('the OpenAPI document', () => {
  let inbox: InboxTestContext;
  let document: Document;
  const operations: { key: string; operation: Operation }[] = [];

  beforeAll(async () => {
    inbox = await startInbox();
    document = (await inbox.http().get('/docs/openapi.json').expect(200)).body;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((name) => item[name])) operations.push({ key: `${method.toUpperCase()} ${path}`, operation: item[method] });
    }
  });
  afterAll(() => inbox.close());

  it('describes a success of every operation (a redirect of the browser sign-in), with content unless it is a 204 or a 302', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const { key, operation } of operations) {
      const successes = Object.keys(operation.responses).filter((status) => /^(2\d\d|302)$/.test(status));
      expect({ key, successes: successes.length > 0 }).toEqual({ key, successes: true });
      for (const status of successes.filter((code) => code !== '204' && code !== '302')) {
        const content = operation.responses[status].content ?? {};
        expect({ key, status, types: Object.keys(content).length > 0 }).toEqual({ key, status, types: true });
        for (const [mediaType, { schema }] of Object.entries(content)) {
          const typed = schema !== undefined && (schema.$ref !== undefined || schema.type !== undefined || schema.allOf !== undefined);
          expect({ key, status, mediaType, typed }).toEqual({ key, status, mediaType, typed: true });
          if (mediaType === 'application/json' && schema?.type === 'object') expect({ key, properties: schema.properties ?? schema.additionalProperties }).toEqual({ key, properties: expect.anything() });
        }
      }
    }
  });

  it('lists 401 on every operation that needs a token, and errors in the one error shape', () => {
    for (const { key, operation } of operations) {
      if (!PUBLIC.includes(key)) expect({ key, has401: '401' in operation.responses }).toEqual({ key, has401: true });
      expect({ key, has500: '500' in operation.responses }).toEqual({ key, has500: true });
      for (const [status, response] of Object.entries(operation.responses).filter(([code]) => /^[45]\d\d$/.test(code))) {
        expect({ key, status, content: response.content }).toEqual({ key, status, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } });
      }
    }
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
  });

  it('reads a body strictly against a schema', () => {
    const counts = { $ref: '#/components/schemas/TaskCountsResponse' };
    expect(departures(document, counts, { open: 1, assignedToMe: 0, unassigned: 0, overdue: 0 })).toEqual([]);
    expect(departures(document, counts, { open: '1', assignedToMe: 0, unassigned: 0, extra: true })).toEqual([
      '$.overdue is missing',
      '$.open is "1", not an integer',
      '$.extra is not described',
    ]);
  });

  it('resolves every $ref', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect({ ref, found: document.components.schemas[ref.replace('#/components/schemas/', '')] !== undefined }).toEqual({ ref, found: true });
  });

  it('names the shapes a client needs', () => {
    const json = (key: string, status: string) => {
      const [method, path] = key.split(' ');
      return document.paths[path][method.toLowerCase()].responses[status].content!['application/json'].schema!;
    };
    const schemaOf = (schema: Schema) => document.components.schemas[schema.$ref!.replace('#/components/schemas/', '')];
    const page = schemaOf(json('POST /tasks/search', '200'));
    expect(page.properties!.items).toMatchObject({ type: 'array', items: { $ref: expect.any(String) } });
    const task = schemaOf(page.properties!.items.items!);
    expect(task.properties).toMatchObject({ id: { type: 'string' }, taskState: { allOf: [{ $ref: '#/components/schemas/TaskState' }] } });
    expect(document.components.schemas.TaskState.enum).toEqual(['CREATED', 'COMPLETED', 'CANCELED']);
    const dossier = schemaOf(json('GET /intentions/{id}', '200'));
    expect(dossier.properties!.history).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/IntentionEventResponse' } });
    expect(dossier.properties!.submittedAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    expect(document.paths['/action-plans/{year}/export.csv'].get.responses['200'].content).toEqual({ 'text/csv': { schema: { type: 'string' } } });
    expect(document.paths['/me/events'].get.responses['200'].content).toEqual({ 'text/event-stream': { schema: { type: 'string' } } });
    expect(document.paths['/admin/incidents/{key}/resolve'].post.responses['204']).toBeDefined();
    expect(document.components.schemas.ApiErrorDetail.properties).toMatchObject({ fields: { type: 'array' }, requestId: { type: 'string' } });
  });

  describe('matches what the routes answer', () => {
    let provider: SignedInUser;
    let official: SignedInUser;
    let admin: SignedInUser;
    /** Asserts that a response body is exactly what the document says of the route's status. */
    const expectDescribed = (key: string, status: number, body: unknown) => {
      const [method, path] = key.split(' ');
      const schema = document.paths[path][method.toLowerCase()].responses[String(status)].content!['application/json'].schema!;
      expect({ key, departures: departures(document, schema, body) }).toEqual({ key, departures: [] });
    };
    /** Calls a route and checks its answer against the document. */
    const call = async (user: SignedInUser | null, method: 'get' | 'post' | 'patch' | 'put', url: string, route: string, status: number, body?: object) => {
      let test = inbox.http()[method](url);
      if (user) test = test.set(user.auth);
      const response = await (body === undefined ? test : test.send(body)).expect(status);
      expectDescribed(`${method.toUpperCase()} ${route}`, status, response.body);
      return response.body;
    };

    beforeAll(async () => {
      [provider, official, admin] = [await inbox.signIn('provider'), await inbox.signIn('orp_official'), await inbox.signIn('administrator')];
      await inbox.deployShipped();
      await inbox.deployModel(aUserTaskProcess({ processId: 'openapi-test', formId: null }));
    });

    it('sign-in, me, catalogue and health', async () => {
      await call(null, 'post', '/auth/sign-in', '/auth/sign-in', 200, { login: provider.spec.login, password: provider.spec.password });
      await call(null, 'post', '/auth/refresh', '/auth/refresh', 200, { refreshToken: provider.refreshToken });
      await call(provider, 'get', '/me', '/me', 200);
      await call(provider, 'get', '/catalog/service-types', '/catalog/service-types', 200);
      await call(provider, 'get', '/catalog/territory', '/catalog/territory', 200);
      await call(provider, 'get', '/catalog/target-groups', '/catalog/target-groups', 200);
      await call(null, 'get', '/health', '/health', 200);
      await call(null, 'get', '/auth/session/options', '/auth/session/options', 200);
    });

    it('intentions and errors', async () => {
      const created = await call(provider, 'post', '/intentions', '/intentions', 201, anIntentionRequest());
      await call(provider, 'patch', `/intentions/${created.id}`, '/intentions/{id}', 200, { justification: 'Čekatelé v Židlochovicích' });
      await call(provider, 'get', `/intentions/${created.id}`, '/intentions/{id}', 200);
      await call(provider, 'get', '/intentions', '/intentions', 200);
      await call(provider, 'post', '/intentions', '/intentions', 400, { kind: 'nonsense' });
      await call(provider, 'get', '/intentions/999999', '/intentions/{id}', 404);
      await call(null, 'get', '/intentions', '/intentions', 401);
    });

    it('tasks, notifications and their comments', async () => {
      const instance = await inbox.start('openapi-test', { groups: ['orp:zidlochovice'], intentionId: '1' });
      const id = await inbox.taskOf(instance);
      await call(official, 'post', '/tasks/search', '/tasks/search', 200, {});
      await call(official, 'get', '/tasks/counts', '/tasks/counts', 200);
      await call(official, 'get', `/tasks/${id}`, '/tasks/{id}', 200);
      await call(official, 'post', `/tasks/${id}/claim`, '/tasks/{id}/claim', 200);
      await call(official, 'post', `/tasks/${id}/comments`, '/tasks/{id}/comments', 201, { body: 'Doplnit rozpočet' });
      await call(official, 'get', `/tasks/${id}/comments`, '/tasks/{id}/comments', 200);
      await call(official, 'post', `/tasks/${id}/complete`, '/tasks/{id}/complete', 200, { variables: {} });
      await call(official, 'get', '/me/notifications', '/me/notifications', 200);
      await call(official, 'get', '/me/notifications/unread-count', '/me/notifications/unread-count', 200);
      await call(official, 'post', '/me/notifications/mark-read', '/me/notifications/mark-read', 200, {});
      await call(official, 'put', '/me/notification-preferences', '/me/notification-preferences', 200, { inApp: true, email: true, webhook: false });
      await call(official, 'get', '/me/notification-preferences', '/me/notification-preferences', 200);
      await call(official, 'get', '/notifications/deliveries', '/notifications/deliveries', 200);
    });

    it('administration and the audit log', async () => {
      const users = await call(admin, 'get', '/admin/users', '/admin/users', 200);
      await call(admin, 'get', `/admin/users/${users.items[0].id}`, '/admin/users/{id}', 200);
      const processes = await call(admin, 'get', '/admin/processes', '/admin/processes', 200);
      expect(processes.length).toBeGreaterThan(0);
      await call(admin, 'get', `/admin/processes/${processes[0].bpmnProcessId}/diff?from=1&to=1`, '/admin/processes/{processId}/diff', 200);
      const instances = await call(admin, 'get', '/admin/instances', '/admin/instances', 200);
      await call(admin, 'get', `/admin/instances/${instances.items[0].processInstanceKey}`, '/admin/instances/{key}', 200);
      await call(admin, 'get', '/admin/incidents', '/admin/incidents', 200);
      await call(admin, 'get', '/admin/processes/openapi-test/figures', '/admin/processes/{processId}/figures', 200);
      await call(admin, 'get', '/audit', '/audit', 200);
      await call(admin, 'get', '/audit/verify', '/audit/verify', 200);
      await call(official, 'get', '/audit', '/audit', 404);
    });
  });
});
