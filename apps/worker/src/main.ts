import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@app/config';
import { ModelDeployer } from '@app/deployment';
import { ensureDatabase } from '@app/persistence';
import { zeebeAddress } from '@app/zeebe';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const database = await ensureDatabase(config).catch((error: unknown) => exitOnStartFailure('worker', error));
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, databaseUrl: database.url }), { bufferLogs: true });
app.useLogger(app.get(Logger));
await app.init();
// The processes this worker serves are deployed by it, so every shape of the product (embedded or Zeebe) runs the shipped models.
const deployment = await app.get(ModelDeployer).deployIfChanged(config.modelsDir);
process.stdout.write(
  `worker connected to Zeebe at ${zeebeAddress(config)}; models ${deployment.deployed ? 'deployed' : 'unchanged'} (deployment ${deployment.deploymentKey})\n`,
);

// Pollers come and go with the engine's connection; the process lives until it is told to stop.
const keepAlive = setInterval(() => undefined, 1 << 30);
stopOnSignals(async () => {
  clearInterval(keepAlive);
  await app.close();
  await database.stop();
});
