import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@app/audit';
import { AuditQuery } from './audit.dto.js';
import { OnlyFor } from '../auth/only-for.js';
import { ApiErrors } from '../common/openapi.js';
import { AuditPageResponse, ChainVerdictResponse } from './audit.responses.js';

@ApiTags('audit')
@Controller('audit')
@OnlyFor('administrator', 'auditor')
@ApiErrors(401, 404)
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first: who decided what, when and why' })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors(400)
  search(@Query() query: AuditQuery) {
    const { userId, limit, ...rest } = query;
    return this.audit.search({ ...rest, actorId: userId, limit: limit ?? 50 });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Re-computes the hash chain and reports the first broken link' })
  @ApiOkResponse({ type: ChainVerdictResponse })
  verify() {
    return this.audit.verify();
  }
}
