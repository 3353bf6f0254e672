import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditActorOf, type Principal } from '@app/auth';
import { Monitoring } from '@app/monitoring';
import { CurrentUser } from '../auth/auth.decorators.js';
import { InstancesQuery, KeyParams, ResolveIncidentDto } from './monitoring.dto.js';
import { OnlyFor } from '../auth/only-for.js';
import { ApiErrors } from '../common/openapi.js';
import { InstancePageResponse, OpenIncidentResponse, ProcessFiguresResponse, ProcessInstanceResponse } from './monitoring.responses.js';

@ApiTags('administration')
@Controller('admin')
@OnlyFor('administrator')
@ApiErrors(401, 404, 501)
export class MonitoringController {
  constructor(private readonly monitoring: Monitoring) {}

  @Get('instances')
  @ApiOperation({ summary: 'Process instances by process, version, state and business key (intention id), newest first' })
  @ApiOkResponse({ type: InstancePageResponse })
  @ApiErrors(400)
  instances(@Query() query: InstancesQuery) {
    return this.monitoring.instances({ ...query, limit: query.limit ?? 50 });
  }

  @Get('instances/:key')
  @ApiOperation({ summary: 'One instance: element history with times, current position, variables by scope, open incidents' })
  @ApiOkResponse({ type: ProcessInstanceResponse })
  @ApiErrors(400)
  instance(@Param() params: KeyParams) {
    return this.monitoring.instance(params.key);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Open incidents across all instances, newest first' })
  @ApiOkResponse({ type: OpenIncidentResponse, isArray: true })
  incidents() {
    return this.monitoring.openIncidents();
  }

  @Post('incidents/:key/resolve')
  @HttpCode(204)
  @ApiOperation({ summary: 'Resolve an incident after fixing retries or variables (audited)' })
  @ApiNoContentResponse({ description: 'Resolved' })
  @ApiErrors(400)
  async resolve(@Param() params: KeyParams, @Body() body: ResolveIncidentDto, @CurrentUser() user: Principal) {
    await this.monitoring.resolveIncident(params.key, { retries: body.retries, variables: body.variables }, auditActorOf(user), body.reason);
  }

  @Get('processes/:processId/figures')
  @ApiOperation({ summary: 'Running, completed, incidents, and median / p95 duration per element' })
  @ApiOkResponse({ type: ProcessFiguresResponse })
  figures(@Param('processId') processId: string) {
    return this.monitoring.figures(processId);
  }
}
