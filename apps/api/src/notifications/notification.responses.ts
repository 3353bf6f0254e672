import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, type NotificationKind } from '@app/notifications';
import { ApiDateTime, ApiInt64, ApiInteger, ApiNextCursor, ApiNullableString } from '../common/openapi.js';
import { DELIVERY_STATES } from './notification.dto.js';

export class NotificationResponse {
  @ApiInt64()
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind' })
  kind: NotificationKind;

  @ApiProperty()
  title: string;

  @ApiProperty()
  body: string;

  @ApiInt64({ nullable: true })
  taskId: string | null;

  @ApiInt64({ nullable: true })
  intentionId: string | null;

  @ApiProperty()
  read: boolean;

  @ApiProperty()
  archived: boolean;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime({ nullable: true })
  readAt: string | null;

  @ApiDateTime({ nullable: true })
  archivedAt: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: () => NotificationResponse, isArray: true })
  items: NotificationResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class UnreadCountResponse {
  @ApiInteger()
  unread: number;
}

export class MarkReadResponse {
  @ApiInteger({ description: 'How many became read' })
  updated: number;

  @ApiInteger({ description: 'How many remain unread' })
  unread: number;
}

export class NotificationPreferencesResponse {
  @ApiProperty()
  inApp: boolean;

  @ApiProperty()
  email: boolean;

  @ApiProperty()
  webhook: boolean;

  @ApiNullableString()
  webhookUrl: string | null;

  @ApiNullableString({ description: 'Signs each webhook delivery; set with the first webhook URL' })
  webhookSecret: string | null;
}

export class DeliveryResponse {
  @ApiInt64()
  id: string;

  @ApiProperty({ enum: ['email', 'webhook'], enumName: 'DeliveryChannel' })
  channel: 'email' | 'webhook';

  @ApiProperty()
  userId: string;

  @ApiInt64()
  notificationId: string;

  @ApiProperty({ description: 'The e-mail address or webhook URL' })
  recipient: string;

  @ApiProperty({ enum: DELIVERY_STATES, enumName: 'DeliveryState' })
  state: (typeof DELIVERY_STATES)[number];

  @ApiInteger()
  attempts: number;

  @ApiDateTime()
  nextAttemptAt: string;

  @ApiNullableString()
  lastError: string | null;

  @ApiDateTime({ nullable: true })
  deliveredAt: string | null;

  @ApiDateTime()
  createdAt: string;
}

export class DeliveryPageResponse {
  @ApiProperty({ type: () => DeliveryResponse, isArray: true })
  items: DeliveryResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}
