import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotificationEntity } from '@app/persistence';
import { NotificationService } from '@app/planning';
import { aKey, aStoredIntention } from '../factories/planning.js';
import { startPlanning, type PlanningTestContext } from './support.js';

describe('NotificationService', () => {
  let context: PlanningTestContext;
  let notifications: NotificationService;

  beforeAll(async () => {
    context = await startPlanning();
    notifications = context.get(NotificationService);
  });
  afterAll(() => context?.close());

  it('notifies each group once per job, however often the job is delivered', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    const request = {
      idempotencyKey: aKey(),
      template: 'returned-to-orp' as const,
      recipientGroups: ['orp:zidlochovice', 'provider:70888337', 'orp:zidlochovice'],
      intentionId: intention.id,
      data: { question: 'Jak bude služba financována po roce 2028?' },
    };
    await notifications.send(request);
    await notifications.send(request);
    const stored = await context.dataSource.manager.find(NotificationEntity, { where: { intentionId: intention.id }, order: { recipientGroup: 'ASC' } });
    expect(stored.map((notification) => [notification.recipientGroup, notification.template, notification.data])).toEqual([
      ['orp:zidlochovice', 'returned-to-orp', { question: 'Jak bude služba financována po roce 2028?' }],
      ['provider:70888337', 'returned-to-orp', { question: 'Jak bude služba financována po roce 2028?' }],
    ]);
  });

  it('refuses what is not a candidate group', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted');
    await expect(
      notifications.send({ idempotencyKey: aKey(), template: 'declaration-reminder', recipientGroups: ['Židlochovice'], intentionId: intention.id, data: {} }),
    ).rejects.toThrow(/notification_recipient_group_check/);
  });
});
