import { describe, expect, it } from '@jest/globals';
import { backoffMs } from './outbox-dispatcher.js';
import { groupNotificationText, taskText } from './templates.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('delivery rules', () => {
  it('signs webhooks as the Standard Webhooks specification does (its published test vector)', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(verifyWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', `v1,other ${signature}`)).toBe(true);
    expect(verifyWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265331, '{"test": 2432232314}', signature)).toBe(false);
  });

  it('waits twice as long after every failed attempt, an hour at most', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(5_000, attempts))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(5_000, 20)).toBe(3_600_000);
  });

  it('words the notifications in Czech with the deadline in Prague time', () => {
    expect(taskText('task-created', { name: 'Deklarace potřebnosti ORP', processName: 'Deklarace potřebnosti ORP', intentionId: '7', dueAt: new Date('2026-12-31T23:30:00Z') })).toEqual({
      title: 'Nový úkol: Deklarace potřebnosti ORP',
      body: 'Deklarace potřebnosti ORP, záměr č. 7. Termín: 1. 1. 2027.',
    });
    expect(groupNotificationText('intention-status-changed', '7', { status: 'need_refused', reason: 'Není v komunitním plánu.' })).toEqual({
      kind: 'intention-status-changed',
      title: 'Rozhodnutí o vašem záměru: potřebnost ORP nedeklarována',
      body: 'Stav záměru č. 7 je nyní „potřebnost ORP nedeklarována“. Odůvodnění: Není v komunitním plánu.',
    });
    expect(() => groupNotificationText('unknown', null, {})).toThrow("unknown notification template 'unknown'");
  });
});
