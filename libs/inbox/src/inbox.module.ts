import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { NotificationDeliveryModule, NotificationsModule } from '@app/notifications';
import { TaskModels } from './models.js';
import { TaskDiagrams } from './task-diagrams.service.js';
import { TaskIngestion } from './task-ingestion.service.js';
import { TaskLeases } from './task-leases.service.js';
import { TaskReminders } from './task-reminders.service.js';
import { TasksService } from './tasks.service.js';

/** The API's inbox: the tasks' use cases. Needs the data source and the Zeebe client (ZeebeModule). */
@Module({ imports: [NotificationsModule, AuditModule], providers: [TaskModels, TasksService, TaskDiagrams], exports: [TasksService, TaskDiagrams, TaskModels, NotificationsModule] })
export class InboxModule {}

/**
 * The worker's inbox: user-task jobs into tasks, their leases kept, reminders sent, and the
 * notifications delivered.
 */
@Module({
  imports: [NotificationsModule, NotificationDeliveryModule, AuditModule],
  providers: [TaskModels, TaskIngestion, TaskLeases, TaskReminders],
  exports: [TaskIngestion, TaskLeases, TaskReminders, TaskModels, NotificationDeliveryModule],
})
export class InboxWorkerModule {}
