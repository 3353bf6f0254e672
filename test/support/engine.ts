import { Camunda8 } from '@camunda8/sdk';
import { startEngine, type RunningEngine } from '@app/engine';
import type { ZeebeClient } from '@app/zeebe';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestEngine {
  engine: RunningEngine;
  database: TestDatabase;
  address: string;
  /** A gateway client for the test itself; closed by `close`. */
  zeebe: ZeebeClient;
  close(): Promise<void>;
}

/** The embedded engine on a free port with a fresh database, and a client for it. */
export async function startTestEngine(database?: TestDatabase): Promise<TestEngine> {
  const owned = database ?? (await createTestDatabase('engine'));
  const engine = await startEngine({ databaseUrl: owned.url, port: 0 });
  const address = `grpc://127.0.0.1:${engine.port}`;
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  }).getZeebeGrpcApiClient();
  return {
    engine,
    database: owned,
    address,
    zeebe,
    close: async () => {
      await zeebe.close();
      await engine.stop();
      if (!database) await owned.drop();
    },
  };
}
