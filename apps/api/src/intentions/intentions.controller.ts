import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntentionsService } from '@app/intentions';
import { ParseIdPipe } from '../common/id.pipe.js';
import { CreateIntentionDto, ListIntentionsQuery, UpdateIntentionDto } from './intention.dto.js';

/** Until sign-in exists (the inbox issue), changes are attributed to the API itself. */
const ACTOR = 'system:api';

@ApiTags('intentions')
@Controller('intentions')
export class IntentionsController {
  constructor(private readonly intentions: IntentionsService) {}

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

  @Get(':id')
  @ApiOperation({ summary: 'One intention with its history' })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.intentions.get(id);
  }

  @Get()
  @ApiOperation({ summary: 'Intentions by status, ORP, district, year and service type, newest first, keyset-paginated' })
  list(@Query() query: ListIntentionsQuery) {
    return this.intentions.list({ ...query, limit: query.limit ?? 20 });
  }
}
