import { describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { WORKER_JOB_TYPES } from '@app/deployment';
import { JOB_WORKER, type JobWorkerOptions } from '@app/zeebe';
import { WorkerModule } from './worker.module.js';

describe('the job types the worker app serves', () => {
  it('are exactly the list deployments are checked against', () => {
    const providers = WorkerModule.forRoot({ ...loadConfig({}), databaseUrl: 'postgres://unused/db' }).providers as Type[];
    const served = providers.flatMap((provider) =>
      Object.getOwnPropertyNames(provider.prototype)
        .map((name) => Reflect.getMetadata(JOB_WORKER, provider.prototype[name]) as JobWorkerOptions | undefined)
        .filter((options): options is JobWorkerOptions => options !== undefined)
        .map((options) => options.type),
    );
    expect([...served].sort()).toEqual([...WORKER_JOB_TYPES].sort());
    expect(new Set(served).size).toBe(served.length);
  });
});
