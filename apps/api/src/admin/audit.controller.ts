import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@app/audit';
import { AuditQuery } from './audit.dto.js';
import { OnlyFor } from '../auth/only-for.js';

@ApiTags('audit')
@Controller('audit')
@OnlyFor('administrator', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first: who decided what, when and why' })
  search(@Query() query: AuditQuery) {
    const { userId, limit, ...rest } = query;
    return this.audit.search({ ...rest, actorId: userId, limit: limit ?? 50 });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Re-computes the hash chain and reports the first broken link' })
  verify() {
    return this.audit.verify();
  }
}
