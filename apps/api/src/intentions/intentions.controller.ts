import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { IntentionsService } from '@app/intentions';
import { IntentionDossierService, IntentionLifecycleService } from '@app/planning';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/id.pipe.js';
import { CreateIntentionDto, ListIntentionsQuery, UpdateIntentionDto, WithdrawIntentionDto } from './intention.dto.js';

/** Until sign-in exists (the inbox issue), changes are attributed to the API itself. */
const ACTOR = 'system:api';

@ApiTags('intentions')
@Controller('intentions')
export class IntentionsController {
  constructor(
    private readonly intentions: IntentionsService,
    private readonly lifecycle: IntentionLifecycleService,
    private readonly dossiers: IntentionDossierService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a draft development intention (rozvojový záměr)' })
  create(@Body() body: CreateIntentionDto) {
    return this.intentions.createDraft(body, ACTOR);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft; null clears an optional field' })
  update(@Param('id', ParseIdPipe) id: string, @Body() body: UpdateIntentionDto) {
    return this.intentions.updateDraft(id, body, ACTOR);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a complete draft: it becomes submitted and its approval process starts' })
  submit(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: Principal) {
    // The submitting user is the assignee of the task that returns the intention for completion.
    return this.lifecycle.submit(id, user.userId);
  }

  @Post(':id/withdraw')
  @HttpCode(202)
  @ApiOperation({ summary: 'Withdraw (vzít zpět) an intention before the Assembly decides; its process ends it and its open tasks' })
  withdraw(@Param('id', ParseIdPipe) id: string, @Body() body: WithdrawIntentionDto, @CurrentUser() user: Principal) {
    return this.lifecycle.withdraw(id, body.reason, user.userId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One intention with its history, the ORP’s declarations, the district’s opinions and the resolutions' })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.dossiers.get(id);
  }

  @Get()
  @ApiOperation({ summary: 'Intentions by status, ORP, district, year and service type, newest first, keyset-paginated' })
  list(@Query() query: ListIntentionsQuery) {
    return this.intentions.list({ ...query, limit: query.limit ?? 20 });
  }
}
