import { Module } from '@nestjs/common';
import { ModelDeployer } from './model-deployer.service.js';

@Module({ providers: [ModelDeployer], exports: [ModelDeployer] })
export class DeploymentModule {}
