import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogService } from '@app/catalog';

@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('service-types')
  @ApiOperation({ summary: 'Types of social services (§§ 37–70 of Act 108/2006 Coll.) with their allowed forms and capacity units' })
  serviceTypes() {
    return this.catalog.listServiceTypes();
  }

  @Get('territory')
  @ApiOperation({ summary: 'The region, its districts and ORP with populations' })
  territory() {
    return this.catalog.territory();
  }

  @Get('target-groups')
  @ApiOperation({ summary: 'The four planning target groups' })
  targetGroups() {
    return this.catalog.listTargetGroups();
  }
}
