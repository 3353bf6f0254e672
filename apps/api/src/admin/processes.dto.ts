import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiFreeForm } from '../common/openapi.js';

/** A process id as Zeebe allows it (an XML NCName). */
export const PROCESS_ID = /^[A-Za-z_][\w.-]{0,254}$/;

/** An engine key: a positive 64-bit integer in decimal. */
export const ENGINE_KEY = /^[1-9]\d{0,18}$/;

export class ProcessVersionParams {
  @Matches(PROCESS_ID) @ApiProperty({ example: 'intention-submission' })
  processId: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) @ApiProperty({ example: 1 })
  version: number;
}

export class DiffQuery {
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) @ApiProperty()
  from: number;

  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) @ApiProperty()
  to: number;
}

export class StartInstanceDto {
  @IsOptional() @IsObject() @ApiFreeForm({ required: false, example: { intentionId: '42' }, description: 'The instance’s variables' })
  variables?: Record<string, unknown>;

  @IsOptional() @IsString() @MaxLength(2000) @ApiPropertyOptional({ description: 'Why it is started by hand (audited)' })
  reason?: string;
}

export class CancelInstanceDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) @ApiProperty({ description: 'Why the instance is cancelled (audited)' })
  reason: string;
}

export class InstanceParams {
  @Matches(ENGINE_KEY) @ApiProperty({ description: 'The process instance: a 64-bit key in decimal', example: '2251799813685251' })
  processInstanceKey: string;
}

export class MappingInstructionDto {
  @IsString() @Matches(PROCESS_ID) @ApiProperty({ description: 'An active element (or catch event, sequence flow) of the instance’s process', example: 'confirm' })
  sourceElementId: string;

  @IsString() @Matches(PROCESS_ID) @ApiProperty({ description: 'The element of the target process it becomes', example: 'confirm' })
  targetElementId: string;
}

export class MigrateInstanceDto {
  @IsString() @Matches(ENGINE_KEY) @ApiProperty({ description: 'The process definition (version) to migrate to: a 64-bit key in decimal', example: '2251799813685249' })
  targetProcessDefinitionKey: string;

  @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => MappingInstructionDto)
  @ApiProperty({ type: () => MappingInstructionDto, isArray: true, description: 'Every active element needs one; the process itself maps by itself' })
  mappingInstructions: MappingInstructionDto[];

  @IsString() @IsNotEmpty() @MaxLength(2000) @ApiProperty({ description: 'Why the instance is migrated (audited)' })
  reason: string;
}
