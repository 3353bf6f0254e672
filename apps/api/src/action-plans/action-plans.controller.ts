import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACTION_PLAN_OPENERS, ACTION_PLAN_READERS, auditActorOf, type Principal } from '@app/auth';
import { ActionPlanReportService, ActionPlanService } from '@app/planning';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ActsOnlyFor, OnlyFor } from '../auth/only-for.js';
import { StartActionPlanDto } from './action-plan.dto.js';
import { ParsePlanYearPipe } from './plan-year.pipe.js';
import { ApiErrors, ApiTextResponse } from '../common/openapi.js';
import { ActionPlanResponse } from './action-plan.responses.js';

@ApiTags('action-plans')
@ApiErrors(401)
@Controller('action-plans')
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlanService,
    private readonly reports: ActionPlanReportService,
  ) {}

  @Post()
  @HttpCode(201)
  @ActsOnlyFor(...ACTION_PLAN_OPENERS)
  @ApiOperation({ summary: 'Open the Action Plan (akční plán) of a coming year: the call for intentions and its process' })
  @ApiCreatedResponse({ type: ActionPlanResponse })
  @ApiErrors(400, 403, 409, 422)
  start(@Body() body: StartActionPlanDto, @CurrentUser() user: Principal) {
    return this.plans.start(
      {
        planYear: body.planYear,
        budgetCeiling: body.budgetCeiling,
        callClosingDate: body.callClosingDate === undefined ? null : new Date(body.callClosingDate),
      },
      auditActorOf(user),
    );
  }

  @Get(':year')
  @OnlyFor(...ACTION_PLAN_READERS)
  @ApiOperation({ summary: 'The plan with its included intentions and reserve list, totals by district, ORP, target group and service type' })
  @ApiOkResponse({ type: ActionPlanResponse })
  @ApiErrors(400, 404)
  get(@Param('year', ParsePlanYearPipe) year: number) {
    return this.reports.view(year);
  }

  @Get(':year/export.csv')
  @OnlyFor(...ACTION_PLAN_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The included intentions as CSV for Excel: UTF-8 with BOM, semicolons, Czech headers' })
  @ApiTextResponse(200, 'text/csv', 'UTF-8 with BOM, semicolon-separated, as an attachment akcni-plan-<year>.csv')
  @ApiErrors(400, 404)
  async exportCsv(@Param('year', ParsePlanYearPipe) year: number, @Res({ passthrough: true }) response: Response) {
    const csv = await this.reports.exportCsv(year);
    response.setHeader('Content-Disposition', `attachment; filename="akcni-plan-${year}.csv"`);
    return csv;
  }
}
