import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';

/** The orchestrator (embedded engine or Zeebe) is healthy when its gateway answers Topology. */
@Injectable()
export class EngineHealthIndicator {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 3000) {
    const session = this.health.check(key);
    try {
      const topology = await Promise.race([
        this.zeebe.topology(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
      return session.up({ gatewayVersion: topology.gatewayVersion, brokers: topology.brokers.length });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
