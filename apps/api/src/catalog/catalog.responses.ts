import { ApiProperty } from '@nestjs/swagger';
import { CAPACITY_UNITS, PROVISION_FORMS, SERVICE_CATEGORIES, type CapacityUnit, type ProvisionForm, type ServiceCategory } from '@app/domain';
import { ApiInteger } from '../common/openapi.js';

export class ServiceFormResponse {
  @ApiProperty({ enum: PROVISION_FORMS, enumName: 'ProvisionForm' })
  form: ProvisionForm;

  @ApiProperty({ enum: CAPACITY_UNITS, enumName: 'CapacityUnit' })
  capacityUnit: CapacityUnit;
}

export class ServiceTypeResponse {
  @ApiProperty({ example: '49', description: 'Paragraph of Act 108/2006 Coll.' })
  paragraph: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, enumName: 'ServiceCategory' })
  category: ServiceCategory;

  @ApiProperty({ example: '3836' })
  registryId: string;

  @ApiProperty({ type: () => ServiceFormResponse, isArray: true })
  forms: ServiceFormResponse[];
}

export class OrpResponse {
  @ApiProperty({ description: 'The region, district or ORP id' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiInteger()
  population2021: number;
}

export class DistrictResponse extends OrpResponse {
  @ApiProperty({ type: () => OrpResponse, isArray: true })
  orps: OrpResponse[];
}

export class TerritoryResponse extends OrpResponse {
  @ApiProperty({ type: () => DistrictResponse, isArray: true })
  districts: DistrictResponse[];
}

export class TargetGroupResponse {
  @ApiProperty({ example: 'seniori' })
  code: string;

  @ApiProperty()
  name: string;
}
