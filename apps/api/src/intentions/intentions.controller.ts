import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { IntentionsService } from '@app/intentions';
import { IntentionDossierService, IntentionLifecycleService } from '@app/planning';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/id.pipe.js';
import { CreateIntentionDto, ListIntentionsQuery, UpdateIntentionDto, WithdrawIntentionDto } from './intention.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { IntentionDetailResponse, IntentionDossierResponse, IntentionPageResponse } from './intention.responses.js';

/**
 * Every use case is the signed-in caller's: intentions outside their scope answer 404, and
 * only the provider writes its own (others 403); the use cases check both.
 */
@ApiTags('intentions')
@ApiErrors(401)
@Controller('intentions')
export class IntentionsController {
  constructor(
    private readonly intentions: IntentionsService,
    private readonly lifecycle: IntentionLifecycleService,
    private readonly dossiers: IntentionDossierService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a draft development intention (rozvojový záměr): providers, for their own IČO' })
  @ApiCreatedResponse({ type: IntentionDetailResponse })
  @ApiErrors(400, 403, 422)
  create(@Body() body: CreateIntentionDto, @CurrentUser() user: Principal) {
    return this.intentions.createDraft(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft; null clears an optional field (its provider only)' })
  @ApiOkResponse({ type: IntentionDetailResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  update(@Param('id', ParseIdPipe) id: string, @Body() body: UpdateIntentionDto, @CurrentUser() user: Principal) {
    return this.intentions.updateDraft(user, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a complete draft: it becomes submitted and its approval process starts (its provider only)' })
  @ApiOkResponse({ type: IntentionDetailResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  submit(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: Principal) {
    // The submitting user is the assignee of the task that returns the intention for completion.
    return this.lifecycle.submit(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(202)
  @ApiOperation({ summary: 'Withdraw (vzít zpět) an intention before the Assembly decides; its process ends it and its open tasks (its provider only)' })
  @ApiAcceptedResponse({ type: IntentionDetailResponse, description: 'The process withdraws it: the status follows shortly' })
  @ApiErrors(400, 403, 404, 409)
  withdraw(@Param('id', ParseIdPipe) id: string, @Body() body: WithdrawIntentionDto, @CurrentUser() user: Principal) {
    return this.lifecycle.withdraw(user, id, body.reason);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One intention of my scope with its history, the ORP’s declarations, the district’s opinions and the resolutions' })
  @ApiOkResponse({ type: IntentionDossierResponse })
  @ApiErrors(400, 404)
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: Principal) {
    return this.dossiers.get(user, id);
  }

  @Get()
  @ApiOperation({ summary: 'Intentions of my scope by status, ORP, district, year and service type, newest first, keyset-paginated' })
  @ApiOkResponse({ type: IntentionPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListIntentionsQuery, @CurrentUser() user: Principal) {
    return this.intentions.list(user, { ...query, limit: query.limit ?? 20 });
  }
}
