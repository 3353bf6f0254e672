import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_CZK } from '@app/domain';

/**
 * The shape of a plan's start; whether the year is still to come, the ceiling whole CZK and
 * the closing in the future are the domain's rules (422).
 */
export class StartActionPlanDto {
  // class-validator checks property decorators bottom-up: the type first, then the range.
  @ApiProperty({ example: 2028, description: 'Rok akčního plánu' })
  @Max(2100)
  @Min(2000)
  @IsInt()
  planYear: number;

  @ApiProperty({ example: 120_000_000, description: 'Finanční limit v Kč' })
  @Max(MAX_CZK)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  budgetCeiling: number;

  @ApiPropertyOptional({ example: '2028-03-31T23:59:59+02:00', description: 'Uzávěrka výzvy; bez ní 31. 3. 23:59:59 tohoto roku' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'callClosingDate is an ISO 8601 date-time with an offset' })
  @IsISO8601({ strict: true })
  @IsOptional()
  callClosingDate?: string;
}
