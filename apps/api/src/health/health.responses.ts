import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeForm } from '../common/openapi.js';

const ApiIndicators = (description: string) =>
  ApiFreeForm({ description, example: { database: { status: 'up' }, engine: { status: 'up', gatewayVersion: '8.8.0', brokers: 1 } } });

/** Terminus's answer when every indicator is up (a failing check answers 503 in the error shape). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiIndicators('The indicators that are up, by name: each has a `status` and what it reports')
  info: Record<string, unknown>;

  @ApiFreeForm({ description: 'The indicators that are down (empty when healthy)' })
  error: Record<string, unknown>;

  @ApiIndicators('Every indicator, by name')
  details: Record<string, unknown>;
}
