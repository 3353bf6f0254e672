import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQuery {
  @IsOptional() @Matches(/^[1-9]\d{0,18}$/) @ApiPropertyOptional({ description: 'Entries about this intention' })
  intentionId?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,18}$/) @ApiPropertyOptional({ description: 'Entries about this process instance: its start and cancellation, the acts on its tasks and the decisions its workers recorded' })
  processInstanceKey?: string;

  @IsOptional() @IsString() @MaxLength(200) @ApiPropertyOptional({ description: 'Entries by this user' })
  userId?: string;

  @IsOptional() @IsString() @MaxLength(100) @ApiPropertyOptional({ example: 'intention.recommend' })
  action?: string;

  @IsOptional() @Type(() => Date) @IsDate() @ApiPropertyOptional({ type: String, format: 'date-time' })
  from?: Date;

  @IsOptional() @Type(() => Date) @IsDate() @ApiPropertyOptional({ type: String, format: 'date-time' })
  to?: Date;

  @IsOptional() @Matches(/^[1-9]\d{0,18}$/) @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) @ApiPropertyOptional({ default: 50 })
  limit?: number;
}
