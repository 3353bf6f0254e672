import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { EngineHealthIndicator } from './engine.health.js';
import { WorkersHealthIndicator } from './workers.health.js';
import { ApiErrors } from '../common/openapi.js';
import { HealthResponse } from './health.responses.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly engine: EngineHealthIndicator,
    private readonly workers: WorkersHealthIndicator,
  ) {}

  @Public()
  @Get()
  // Terminus would document its own 503 body; ours is the error shape (ApiErrorFilter).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Whether the database and the engine answer, and every job worker still polls (WORKER_STALL_MS)' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiErrors(503)
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.engine.check('engine'), () => this.workers.check('workers')]);
  }
}
