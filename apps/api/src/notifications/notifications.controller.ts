import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { NotificationsService } from '@app/notifications';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/id.pipe.js';
import { DeliveriesQuery, ListNotificationsQuery, MarkReadDto, PreferencesDto, UpdateNotificationDto } from './notification.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { DeliveryPageResponse, DeliveryResponse, MarkReadResponse, NotificationPageResponse, NotificationPreferencesResponse, NotificationResponse, UnreadCountResponse } from './notification.responses.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @ApiOperation({ summary: 'My notifications, newest first, by state (inbox, unread, read, archived, all)' })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user, { state: query.state ?? 'inbox', after: query.after, limit: query.limit ?? 20 });
  }

  @Get('me/notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ type: UnreadCountResponse })
  unreadCount(@CurrentUser() user: Principal) {
    return this.notifications.unreadCount(user);
  }

  @Post('me/notifications/mark-read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the given notifications (or all) read' })
  @ApiOkResponse({ type: MarkReadResponse })
  @ApiErrors(400)
  markRead(@CurrentUser() user: Principal, @Body() body: MarkReadDto) {
    return this.notifications.markRead(user, body.ids);
  }

  @Patch('me/notifications/:id')
  @ApiOperation({ summary: 'Mark one notification read or unread, archive or restore it' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors(400, 404)
  update(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateNotificationDto) {
    return this.notifications.update(user, id, body);
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'My channels: in-app, e-mail, webhook (with its URL and signing secret)' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  preferences(@CurrentUser() user: Principal) {
    return this.notifications.preferences(user);
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Choose my channels' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiErrors(400, 422)
  setPreferences(@CurrentUser() user: Principal, @Body() body: PreferencesDto) {
    return this.notifications.setPreferences(user, body);
  }

  @Post('me/notification-preferences/webhook-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace my webhook signing secret' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiErrors(400)
  rotateWebhookSecret(@CurrentUser() user: Principal) {
    return this.notifications.rotateWebhookSecret(user);
  }

  @Get('notifications/deliveries')
  @ApiOperation({ summary: 'E-mail and webhook deliveries by state (dead letters): mine; an administrator’s are everyone’s' })
  @ApiOkResponse({ type: DeliveryPageResponse })
  @ApiErrors(400)
  deliveries(@CurrentUser() user: Principal, @Query() query: DeliveriesQuery) {
    return this.notifications.deliveries(user, { state: query.state, after: query.after, limit: query.limit ?? 20 });
  }

  @Post('notifications/deliveries/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead letter again (administrators)' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors(400, 404)
  retry(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.retryDelivery(user, id);
  }
}
