import { Injectable } from '@nestjs/common';
import { isCandidateGroup, NOTIFICATION_TEMPLATES } from '@app/domain';
import { NotificationService } from '@app/planning';
import { JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** `notification.send`: reminders, escalations and the district's questions to candidate groups. */
@Injectable()
export class NotificationWorker {
  constructor(private readonly notifications: NotificationService) {}

  @JobWorker({ type: 'notification.send', fetchVariables: ['notificationTemplate', 'recipientGroups', 'intentionId', 'question'] })
  async send(job: WorkerJob): Promise<void> {
    const variables = new JobVariables(job.variables);
    const template = variables.oneOf('notificationTemplate', NOTIFICATION_TEMPLATES);
    const recipientGroups = variables.textList('recipientGroups');
    const invalid = recipientGroups.find((group) => !isCandidateGroup(group));
    if (invalid !== undefined) throw new Error(`'${invalid}' in recipientGroups is not a candidate group`);
    await this.notifications.send({
      idempotencyKey: job.key,
      template,
      recipientGroups,
      intentionId: variables.id('intentionId'),
      data: template === 'returned-to-orp' ? { question: variables.text('question') } : {},
    });
  }
}
