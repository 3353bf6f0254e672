import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, stopOnSignals } from '@app/config';
import { ensureDatabase } from '@app/persistence';
import { zeebeAddress } from '@app/zeebe';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const database = await ensureDatabase(config);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, databaseUrl: database.url }), { bufferLogs: true });
app.useLogger(app.get(Logger));
await app.init();
process.stdout.write(`worker connected to Zeebe at ${zeebeAddress(config)}\n`);

// Pollers come and go with the engine's connection; the process lives until it is told to stop.
const keepAlive = setInterval(() => undefined, 1 << 30);
stopOnSignals(async () => {
  clearInterval(keepAlive);
  await app.close();
  await database.stop();
});
