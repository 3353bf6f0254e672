import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import type { NotificationListState } from '@app/notifications';

const ID = /^[1-9]\d{0,18}$/;
const LIST_STATES = ['inbox', 'unread', 'read', 'archived', 'all'] as const;
export const DELIVERY_STATES = ['pending', 'delivered', 'logged', 'dead'] as const;

export class ListNotificationsQuery {
  @IsOptional() @IsIn(LIST_STATES) @ApiPropertyOptional({ enum: LIST_STATES, default: 'inbox', description: 'inbox = everything not archived' })
  state?: NotificationListState;

  @IsOptional() @Matches(ID) @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) @ApiPropertyOptional({ default: 20 })
  limit?: number;
}

export class MarkReadDto {
  @IsOptional() @IsArray() @ArrayMaxSize(500) @Matches(ID, { each: true }) @ApiPropertyOptional({ type: [String], description: 'Without ids: all unread notifications' })
  ids?: string[];
}

export class UpdateNotificationDto {
  @IsOptional() @IsBoolean() @ApiPropertyOptional()
  read?: boolean;

  @IsOptional() @IsBoolean() @ApiPropertyOptional()
  archived?: boolean;
}

export class PreferencesDto {
  @IsBoolean() @ApiProperty({ description: 'Notifications in the inbox' })
  inApp: boolean;

  @IsBoolean() @ApiProperty({ description: 'E-mail to the account’s address' })
  email: boolean;

  @IsBoolean() @ApiProperty({ description: 'Signed webhook to webhookUrl' })
  webhook: boolean;

  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://hooks.example.cz/planovani',
    description: 'https: to the public internet, without credentials (http: and private networks only where WEBHOOK_ALLOW_* allow them); 422 otherwise',
  })
  webhookUrl?: string | null;
}

export class DeliveriesQuery {
  @IsOptional() @IsIn(DELIVERY_STATES) @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'dead = dead letters' })
  state?: (typeof DELIVERY_STATES)[number];

  @IsOptional() @Matches(ID) @ApiPropertyOptional()
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) @ApiPropertyOptional({ default: 20 })
  limit?: number;
}
