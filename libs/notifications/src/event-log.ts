import type { EntityManager } from 'typeorm';

/** Any fixed number: the lock under which event ids are drawn, so that they become visible in id order. */
const EVENT_LOCK = 6_2026_1122;

/** The channel a committed event is announced on (NOTIFY), so that live streams read it at once. */
export const EVENT_CHANNEL = 'inbox_event';

export type InboxEventType = 'task.created' | 'task.assigned' | 'task.completed' | 'task.canceled' | 'notification.created' | 'notification.updated';

export interface PendingEvent {
  type: InboxEventType;
  /** Access keys of who is told: `g:<group>`, `u:<user>`, `*` (administrators). */
  audience: string[];
  data: Record<string, unknown>;
}

/**
 * The events of one transaction, appended as its last statements: holding the event lock
 * only while nothing else waits keeps writers from deadlocking on it.
 */
export class EventBatch {
  private readonly events: PendingEvent[] = [];

  add(event: PendingEvent): void {
    if (event.audience.length > 0) this.events.push(event);
  }

  /** Appends the events; must run inside the transaction, after its other writes. */
  async flush(manager: EntityManager): Promise<void> {
    if (this.events.length === 0) return;
    // Ids are drawn under a transaction-long lock, so a reader that has seen id n has seen
    // every id below n: Last-Event-ID resumes miss nothing.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOCK]);
    await manager.query(
      `INSERT INTO inbox_event (type, audience, data)
       SELECT e.value ->> 'type', ARRAY(SELECT jsonb_array_elements_text(e.value -> 'audience')), e.value -> 'data'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n) ORDER BY e.n`,
      [JSON.stringify(this.events)],
    );
    await manager.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, '']);
    this.events.length = 0;
  }
}
