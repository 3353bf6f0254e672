import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { accessKeysOf, type Principal } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import { EventStream } from '@app/notifications';
import { AcceptsQueryToken, CurrentUser, type AuthenticatedRequest } from '../auth/auth.decorators.js';
import { ApiErrors, ApiTextResponse } from '../common/openapi.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class EventsController {
  constructor(private readonly events: EventStream) {}

  @Get('events')
  @AcceptsQueryToken()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: the stream resumes after it' })
  @ApiQuery({ name: 'access_token', required: false, description: 'For EventSource, which cannot send an Authorization header' })
  @ApiOperation({
    summary: 'Server-sent events: tasks created for me or my groups, assigned, completed, cancelled; new notifications',
    description: 'The stream ends when the access token expires: reconnect with a fresh token and Last-Event-ID (or ?lastEventId=).',
  })
  @ApiTextResponse(200, 'text/event-stream', 'Server-sent events (`id:`, `event:`, `data:` with a JSON object) until the token expires')
  @ApiErrors(400, 401)
  async stream(
    @CurrentUser() user: Principal,
    @Headers('last-event-id') header: string | undefined,
    @Query('lastEventId') query: string | undefined,
    @Req() request: Request & AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.events.serve(accessKeysOf(user), lastEventId(header ?? query), response, request.tokenExpiresAt ?? null);
  }
}

function lastEventId(value: string | undefined): bigint | null {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,19}$/.test(value)) {
    throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [
      { field: 'Last-Event-ID', code: 'INVALID_EVENT_ID', message: 'An event id is a whole number, as sent in the id: field' },
    ]);
  }
  return BigInt(value);
}
