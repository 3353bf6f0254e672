import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/auth';
import { EventStream } from './event-stream.js';
import { GroupNotificationFanout } from './group-fanout.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

/** Writing and reading notifications; what both apps need. */
@Module({ imports: [AccountsModule], providers: [NotificationsService], exports: [NotificationsService, AccountsModule] })
export class NotificationsModule {}

/** The worker's part: group notifications fanned out to their members, and the outbox sent. */
@Module({ imports: [NotificationsModule], providers: [GroupNotificationFanout, OutboxDispatcher], exports: [GroupNotificationFanout, OutboxDispatcher] })
export class NotificationDeliveryModule {}

/** The API's part: the live event stream. */
@Module({ providers: [EventStream], exports: [EventStream] })
export class LiveEventsModule {}
