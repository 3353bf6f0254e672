import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A process id as Zeebe allows it (an XML NCName). */
export const PROCESS_ID = /^[A-Za-z_][\w.-]{0,254}$/;

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
  @IsOptional() @IsObject() @ApiPropertyOptional({ type: Object, example: { intentionId: '42' } })
  variables?: Record<string, unknown>;

  @IsOptional() @IsString() @MaxLength(2000) @ApiPropertyOptional({ description: 'Komentář: why it is started by hand' })
  reason?: string;
}

export class CancelInstanceDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) @ApiProperty({ description: 'Why the instance is cancelled (audited)' })
  reason: string;
}
