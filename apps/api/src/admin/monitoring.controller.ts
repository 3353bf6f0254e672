import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditActorOf, type Principal } from '@app/auth';
import { Monitoring } from '@app/monitoring';
import { CurrentUser } from '../auth/auth.decorators.js';
import { InstancesQuery, KeyParams, ResolveIncidentDto } from './monitoring.dto.js';
import { OnlyFor } from '../auth/only-for.js';

@ApiTags('administration')
@Controller('admin')
@OnlyFor('administrator')
export class MonitoringController {
  constructor(private readonly monitoring: Monitoring) {}

  @Get('instances')
  @ApiOperation({ summary: 'Process instances by process, version, state and business key (intention id), newest first' })
  instances(@Query() query: InstancesQuery) {
    return this.monitoring.instances({ ...query, limit: query.limit ?? 50 });
  }

  @Get('instances/:key')
  @ApiOperation({ summary: 'One instance: element history with times, current position, variables by scope, open incidents' })
  instance(@Param() params: KeyParams) {
    return this.monitoring.instance(params.key);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Open incidents across all instances, newest first' })
  incidents() {
    return this.monitoring.openIncidents();
  }

  @Post('incidents/:key/resolve')
  @HttpCode(204)
  @ApiOperation({ summary: 'Resolve an incident after fixing retries or variables (audited)' })
  async resolve(@Param() params: KeyParams, @Body() body: ResolveIncidentDto, @CurrentUser() user: Principal) {
    await this.monitoring.resolveIncident(params.key, { retries: body.retries, variables: body.variables }, auditActorOf(user), body.reason);
  }

  @Get('processes/:processId/figures')
  @ApiOperation({ summary: 'Running, completed, incidents, and median / p95 duration per element' })
  figures(@Param('processId') processId: string) {
    return this.monitoring.figures(processId);
  }
}
