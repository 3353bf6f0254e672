import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiFreeForm, ApiInt64, ApiNextCursor, ApiNullableString } from '../common/openapi.js';

/** One entry of the hash-chained audit log. */
export class AuditEntryResponse {
  @ApiInt64()
  id: string;

  @ApiDateTime()
  occurredAt: string;

  @ApiProperty({ description: 'A user id, or process:<id> / system:<what> for the product itself' })
  actorId: string;

  @ApiNullableString({ description: 'The user’s role then; null for the product' })
  actorRole: string | null;

  @ApiNullableString({ description: 'The user’s territory then (kind:id); null for the product' })
  actorTerritory: string | null;

  @ApiProperty({ example: 'intention.submitted' })
  action: string;

  @ApiProperty({ example: 'intention' })
  entityType: string;

  @ApiProperty()
  entityId: string;

  @ApiFreeForm()
  data: Record<string, unknown>;

  @ApiNullableString()
  reason: string | null;

  @ApiProperty({ description: 'SHA-256 of the previous entry (hex)' })
  previousHash: string;

  @ApiProperty({ description: 'SHA-256 of this entry (hex)' })
  hash: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: () => AuditEntryResponse, isArray: true })
  items: AuditEntryResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class ChainVerdictResponse {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: 'integer', description: 'Entries checked before the first broken link (all of them when valid)' })
  checked: number;

  @ApiPropertyOptional({ description: 'When not valid: the first entry that breaks the chain', example: '42' })
  firstBrokenId?: string;

  @ApiPropertyOptional({ enum: ['hash-mismatch', 'broken-link'], description: 'When not valid: changed content, or a removed, inserted or reordered entry' })
  reason?: 'hash-mismatch' | 'broken-link';
}
