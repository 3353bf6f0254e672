import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { NotificationsService } from '@app/notifications';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/id.pipe.js';
import { DeliveriesQuery, ListNotificationsQuery, MarkReadDto, PreferencesDto, UpdateNotificationDto } from './notification.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @ApiOperation({ summary: 'My notifications, newest first, by state (inbox, unread, read, archived, all)' })
  list(@CurrentUser() user: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user, { state: query.state ?? 'inbox', after: query.after, limit: query.limit ?? 20 });
  }

  @Get('me/notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  unreadCount(@CurrentUser() user: Principal) {
    return this.notifications.unreadCount(user);
  }

  @Post('me/notifications/mark-read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the given notifications (or all) read' })
  markRead(@CurrentUser() user: Principal, @Body() body: MarkReadDto) {
    return this.notifications.markRead(user, body.ids);
  }

  @Patch('me/notifications/:id')
  @ApiOperation({ summary: 'Mark one notification read or unread, archive or restore it' })
  update(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateNotificationDto) {
    return this.notifications.update(user, id, body);
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'My channels: in-app, e-mail, webhook (with its URL and signing secret)' })
  preferences(@CurrentUser() user: Principal) {
    return this.notifications.preferences(user);
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Choose my channels' })
  setPreferences(@CurrentUser() user: Principal, @Body() body: PreferencesDto) {
    return this.notifications.setPreferences(user, body);
  }

  @Post('me/notification-preferences/webhook-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace my webhook signing secret' })
  rotateWebhookSecret(@CurrentUser() user: Principal) {
    return this.notifications.rotateWebhookSecret(user);
  }

  @Get('notifications/deliveries')
  @ApiOperation({ summary: 'E-mail and webhook deliveries by state (dead letters): mine; an administrator’s are everyone’s' })
  deliveries(@CurrentUser() user: Principal, @Query() query: DeliveriesQuery) {
    return this.notifications.deliveries(user, { state: query.state, after: query.after, limit: query.limit ?? 20 });
  }

  @Post('notifications/deliveries/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead letter again (administrators)' })
  retry(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.retryDelivery(user, id);
  }
}
