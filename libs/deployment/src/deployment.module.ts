import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeployedModels } from './deployed-models.service.js';
import { ProcessAdministration } from './process-administration.service.js';
import { ModelDeployer } from './model-deployer.service.js';
import { ModelDrafts } from './model-drafts.service.js';

@Module({ imports: [AuditModule], providers: [ModelDeployer, DeployedModels, ProcessAdministration, ModelDrafts], exports: [ModelDeployer, DeployedModels, ProcessAdministration, ModelDrafts] })
export class DeploymentModule {}
