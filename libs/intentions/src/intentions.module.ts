import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { IntentionsService } from './intentions.service.js';

@Module({
  imports: [CatalogModule],
  providers: [IntentionsService],
  exports: [IntentionsService],
})
export class IntentionsModule {}
