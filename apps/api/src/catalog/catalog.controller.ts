import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogService } from '@app/catalog';
import { ApiErrors } from '../common/openapi.js';
import { ServiceTypeResponse, TargetGroupResponse, TerritoryResponse } from './catalog.responses.js';

@ApiTags('catalog')
@ApiErrors(401)
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('service-types')
  @ApiOperation({ summary: 'Types of social services (§§ 37–70 of Act 108/2006 Coll.) with their allowed forms and capacity units' })
  @ApiOkResponse({ type: ServiceTypeResponse, isArray: true })
  serviceTypes() {
    return this.catalog.listServiceTypes();
  }

  @Get('territory')
  @ApiOperation({ summary: 'The region, its districts and ORP with populations' })
  @ApiOkResponse({ type: TerritoryResponse })
  @ApiErrors(404)
  territory() {
    return this.catalog.territory();
  }

  @Get('target-groups')
  @ApiOperation({ summary: 'The four planning target groups' })
  @ApiOkResponse({ type: TargetGroupResponse, isArray: true })
  targetGroups() {
    return this.catalog.listTargetGroups();
  }
}
