import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobWorkerTransport, ZEEBE_CLIENT } from './job-worker.transport.js';
import { createZeebeClient, zeebeAddress } from './zeebe-client.js';

/** The Zeebe gateway client (real Zeebe or the embedded engine) and the job worker transport. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: ZEEBE_CLIENT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createZeebeClient(zeebeAddress(config)) },
    JobWorkerTransport,
  ],
  exports: [ZEEBE_CLIENT, JobWorkerTransport],
})
export class ZeebeModule {}
