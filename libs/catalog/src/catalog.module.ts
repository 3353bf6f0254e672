import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DistrictEntity, OrpEntity, RegionEntity, ServiceTypeEntity, TargetGroupEntity } from '@app/persistence';
import { CatalogService } from './catalog.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RegionEntity, DistrictEntity, OrpEntity, ServiceTypeEntity, TargetGroupEntity])],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
