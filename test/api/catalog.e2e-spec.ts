import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('catalogue, health and documentation', () => {
  let api: TestApi;
  let user: SignedInUser;
  beforeAll(async () => {
    api = await startTestApi();
    user = await api.signIn('orp_official');
  });
  afterAll(() => api.close());

  it('lists the types of social services with their forms and capacity units', async () => {
    const response = await request(api.app.getHttpServer()).get('/catalog/service-types').set(user.auth).expect(200);
    expect(response.body).toHaveLength(33);
    expect(response.body[0]).toEqual({
      paragraph: '37',
      name: 'Odborné sociální poradenství',
      category: 'socialni_poradenstvi',
      registryId: '3836',
      forms: [
        { form: 'ambulantni', capacityUnit: 'fte' },
        { form: 'terenni', capacityUnit: 'fte' },
      ],
    });
    expect(response.body.find((type: { paragraph: string }) => type.paragraph === '49').forms).toEqual([{ form: 'pobytova', capacityUnit: 'beds' }]);
  });

  it('shows the territory of the region with populations summed per district', async () => {
    const response = await request(api.app.getHttpServer()).get('/catalog/territory').set(user.auth).expect(200);
    expect(response.body).toMatchObject({ id: 'jmk', name: 'Jihomoravský kraj', population2021: 1_184_568 });
    expect(response.body.districts).toHaveLength(7);
    const brnoVenkov = response.body.districts.find((district: { id: string }) => district.id === 'brno-venkov');
    expect(brnoVenkov.orps.map((orp: { id: string }) => orp.id)).toEqual([
      'ivancice', 'kurim', 'pohorelice', 'rosice', 'slapanice', 'tisnov', 'zidlochovice',
    ]);
    expect(brnoVenkov.population2021).toBe(225_514);
  });

  it('lists the four planning target groups', async () => {
    const response = await request(api.app.getHttpServer()).get('/catalog/target-groups').set(user.auth).expect(200);
    expect(response.body.map((group: { code: string }) => group.code)).toEqual([
      'deti-mladez-rodina', 'seniori', 'osoby-se-zdravotnim-postizenim', 'osoby-ohrozene-vyloucenim-a-v-krizi',
    ]);
  });

  it('reports the database and the engine in /health and serves the OpenAPI document', async () => {
    const health = await request(api.app.getHttpServer()).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, engine: { status: 'up', gatewayVersion: '8.8.0', brokers: 1 } } });
    const openApi = await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/catalog/service-types', '/catalog/territory', '/catalog/target-groups', '/intentions', '/intentions/{id}', '/health']),
    );
    await request(api.app.getHttpServer()).get('/docs').expect(200);
  });

  it('keeps a caller-given request id and answers unknown routes in the error shape', async () => {
    const response = await request(api.app.getHttpServer()).get('/nowhere').set(user.auth).set('x-request-id', 'trace-42').expect(404);
    expect(response.headers['x-request-id']).toBe('trace-42');
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), requestId: 'trace-42' } });
  });
});
