import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiFreeForm } from '../common/openapi.js';
import { PROCESS_ID } from './processes.dto.js';

const KEY = /^[1-9]\d{0,18}$/;

export class InstancesQuery {
  @IsOptional() @Matches(PROCESS_ID) @ApiPropertyOptional({ example: 'intention-submission' })
  bpmnProcessId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @ApiPropertyOptional()
  version?: number;

  @IsOptional() @IsIn(['ACTIVE', 'COMPLETED', 'TERMINATED']) @ApiPropertyOptional({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED'] })
  state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

  @IsOptional() @IsString() @MaxLength(64) @ApiPropertyOptional({ description: 'The intention id the instance carries' })
  businessKey?: string;

  @IsOptional() @Matches(KEY) @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) @ApiPropertyOptional({ default: 50 })
  limit?: number;
}

export class KeyParams {
  @Matches(KEY) @ApiProperty({ description: 'A 64-bit key in decimal' })
  key: string;
}

export class ResolveIncidentDto {
  @IsOptional() @IsInt() @Min(1) @Max(100) @ApiPropertyOptional({ description: 'Retries for the failed job (default 1)' })
  retries?: number;

  @IsOptional() @IsObject() @ApiFreeForm({ required: false, description: 'Variables to set on the element’s scope before retrying' })
  variables?: Record<string, unknown>;

  @IsString() @IsNotEmpty() @MaxLength(2000) @ApiProperty({ description: 'What was fixed (audited)' })
  reason: string;
}
