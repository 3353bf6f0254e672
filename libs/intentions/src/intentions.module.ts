import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CatalogModule } from '@app/catalog';
import { IntentionHistory } from './intention-history.js';
import { IntentionsService } from './intentions.service.js';

@Module({
  imports: [CatalogModule, AuditModule],
  providers: [IntentionsService, IntentionHistory],
  exports: [IntentionsService, IntentionHistory],
})
export class IntentionsModule {}
