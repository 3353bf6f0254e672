import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  CAPACITY_UNITS,
  MAX_CZK,
  INTENTION_KINDS,
  INTENTION_STATUSES,
  PROVISION_FORMS,
  type CapacityUnit,
  type IntentionKind,
  type IntentionStatus,
  type ProvisionForm,
} from '@app/domain';

/**
 * The shape of each field (types and sizes) in one place; the domain rules (IČO
 * checksum, allowed forms, subsidy ≤ costs, ...) are checked by the domain, not here.
 */
const field = {
  kind: () => applyDecorators(IsIn(INTENTION_KINDS), ApiProperty({ enum: INTENTION_KINDS, description: 'Nová služba / navýšení kapacity' })),
  existingServiceRegistryId: () =>
    applyDecorators(IsString(), MaxLength(16), ApiPropertyOptional({ type: String, nullable: true, example: '1234567', description: 'Identifikátor existující služby v registru (jen navýšení kapacity)' })),
  providerName: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(300), ApiProperty({ example: 'Domov Zahrada, z. ú.' })),
  providerIco: () => applyDecorators(IsString(), MaxLength(16), ApiProperty({ example: '70888337', description: 'IČO poskytovatele' })),
  serviceType: () => applyDecorators(IsString(), MaxLength(8), ApiProperty({ example: '49', description: 'Paragraf druhu služby (§ 37–70)' })),
  form: () => applyDecorators(IsIn(PROVISION_FORMS), ApiPropertyOptional({ enum: PROVISION_FORMS, nullable: true })),
  targetGroups: () =>
    applyDecorators(IsArray(), ArrayMaxSize(8), IsString({ each: true }), ApiPropertyOptional({ type: [String], example: ['seniori'] })),
  orpId: () => applyDecorators(IsString(), MaxLength(64), ApiProperty({ example: 'zidlochovice' })),
  capacity: () =>
    applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Max(100_000), ApiPropertyOptional({ type: Number, nullable: true, example: 24 })),
  capacityUnit: () => applyDecorators(IsIn(CAPACITY_UNITS), ApiPropertyOptional({ enum: CAPACITY_UNITS, nullable: true })),
  amount: (description: string) =>
    applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Max(MAX_CZK), ApiPropertyOptional({ type: Number, nullable: true, description })),
  planYear: () => applyDecorators(IsInt(), Min(2000), Max(2100), ApiProperty({ example: 2028 })),
  justification: () => applyDecorators(IsString(), MaxLength(4000), ApiPropertyOptional({ type: String, nullable: true })),
};

/** In a PATCH a required field may be left out but never set to null. */
const Present = () => ValidateIf((_object, value) => value !== undefined);

export class CreateIntentionDto {
  @field.kind() kind: IntentionKind;
  @IsOptional() @field.existingServiceRegistryId() existingServiceRegistryId?: string;
  @field.providerName() providerName: string;
  @field.providerIco() providerIco: string;
  @field.serviceType() serviceType: string;
  @IsOptional() @field.form() form?: ProvisionForm;
  @IsOptional() @field.targetGroups() targetGroups?: string[];
  @field.orpId() orpId: string;
  @IsOptional() @field.capacity() capacity?: number;
  @IsOptional() @field.capacityUnit() capacityUnit?: CapacityUnit;
  @IsOptional() @field.amount('Roční náklady v Kč') yearlyCosts?: number;
  @IsOptional() @field.amount('Požadovaná dotace v Kč') requestedSubsidy?: number;
  @field.planYear() planYear: number;
  @IsOptional() @field.justification() justification?: string;
}

export class UpdateIntentionDto {
  @Present() @field.kind() kind?: IntentionKind;
  @IsOptional() @field.existingServiceRegistryId() existingServiceRegistryId?: string | null;
  @Present() @field.providerName() providerName?: string;
  @Present() @field.providerIco() providerIco?: string;
  @Present() @field.serviceType() serviceType?: string;
  @IsOptional() @field.form() form?: ProvisionForm | null;
  @Present() @field.targetGroups() targetGroups?: string[];
  @Present() @field.orpId() orpId?: string;
  @IsOptional() @field.capacity() capacity?: number | null;
  @IsOptional() @field.capacityUnit() capacityUnit?: CapacityUnit | null;
  @IsOptional() @field.amount('Roční náklady v Kč') yearlyCosts?: number | null;
  @IsOptional() @field.amount('Požadovaná dotace v Kč') requestedSubsidy?: number | null;
  @Present() @field.planYear() planYear?: number;
  @IsOptional() @field.justification() justification?: string | null;
}

export class ListIntentionsQuery {
  @IsOptional() @IsIn(INTENTION_STATUSES) @ApiPropertyOptional({ enum: INTENTION_STATUSES })
  status?: IntentionStatus;

  @IsOptional() @IsString() @MaxLength(64) @ApiPropertyOptional()
  orpId?: string;

  @IsOptional() @IsString() @MaxLength(64) @ApiPropertyOptional()
  districtId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) @ApiPropertyOptional()
  planYear?: number;

  @IsOptional() @IsString() @MaxLength(8) @ApiPropertyOptional()
  serviceType?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,18}$/) @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) @ApiPropertyOptional({ default: 20 })
  limit?: number;
}

export class WithdrawIntentionDto {
  // class-validator checks property decorators bottom-up: the type first.
  @ApiProperty({ example: 'Službu zajistí jiný poskytovatel', description: 'Důvod vzetí zpět' })
  @MaxLength(2000)
  @IsNotEmpty()
  @IsString()
  reason: string;
}
