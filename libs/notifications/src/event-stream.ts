import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EVENT_CHANNEL } from './event-log.js';

interface EventRow {
  id: string;
  type: string;
  audience: string[];
  data: Record<string, unknown>;
  createdAt: Date;
}

interface Subscriber {
  keys: ReadonlySet<string>;
  /** The last event id the subscriber has been sent. */
  cursor: bigint;
  /** False while its missed events are replayed; live events wait in `buffer` meanwhile. */
  live: boolean;
  buffer: EventRow[];
  send(row: EventRow): void;
  end(): void;
}

const PAGE = 500;
/** A NOTIFY can be lost while the listening connection is re-established; the hub looks anyway this often. */
const POLL_MS = 2_000;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of the inbox. One reader per process follows the event log (woken by
 * NOTIFY) and hands each event to the connected users whose access keys it names; a
 * reconnect with Last-Event-ID first replays what that user missed.
 */
@Injectable()
export class EventStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EventStream');
  private readonly subscribers = new Set<Subscriber>();
  private cursor = 0n;
  private reading = false;
  private readAgain = false;
  private listener: pg.Client | undefined;
  private poll: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const [{ max }] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS max FROM inbox_event`);
    this.cursor = BigInt(max);
    await this.listen();
    this.poll = setInterval(() => void this.read(), POLL_MS);
    this.poll.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    // Open streams would keep the HTTP server from closing.
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Streams the events of the given access keys to an HTTP response until the client goes
   * away or its token expires (`endsAt`, epoch seconds): first those after `lastEventId`
   * (a reconnect), then live ones.
   */
  async serve(keys: readonly string[], lastEventId: bigint | null, response: ServerResponse, endsAt: number | null): Promise<void> {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    const subscriber: Subscriber = {
      keys: new Set(keys),
      cursor: lastEventId ?? this.cursor,
      live: lastEventId === null,
      buffer: [],
      send: (row) => {
        response.write(`id: ${row.id}\nevent: ${row.type}\ndata: ${JSON.stringify({ ...row.data, at: row.createdAt })}\n\n`);
      },
      end: () => response.end(),
    };
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // A stream outliving its token would go on telling a user whose access may have ended.
    const expiry = endsAt === null ? undefined : setTimeout(() => response.end(), Math.min(Math.max(endsAt * 1000 - Date.now(), 0), 2 ** 31 - 1));
    // The response closes when the client goes away (or the stream is ended at shutdown or expiry).
    response.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      this.subscribers.delete(subscriber);
    });
    this.subscribers.add(subscriber);
    if (!subscriber.live) await this.replay(subscriber, this.cursor);
  }

  /** Sends what the subscriber missed up to `until` (what the hub had read when it came), then its buffer. */
  private async replay(subscriber: Subscriber, until: bigint): Promise<void> {
    try {
      while (subscriber.cursor < until) {
        const rows = await this.rows(
          `WHERE e.id > $1 AND e.id <= $2 AND e.audience && $3::text[] ORDER BY e.id LIMIT ${PAGE}`,
          [subscriber.cursor.toString(), until.toString(), [...subscriber.keys]],
        );
        for (const row of rows) subscriber.send(row);
        subscriber.cursor = rows.length < PAGE ? until : BigInt(rows[rows.length - 1].id);
      }
      for (const row of subscriber.buffer) if (BigInt(row.id) > subscriber.cursor) this.deliver(subscriber, row);
      subscriber.buffer = [];
      subscriber.live = true;
    } catch (error) {
      this.logger.error({ err: error }, 'replay of missed events failed');
      this.subscribers.delete(subscriber);
    }
  }

  /** Reads the events after the hub's cursor and hands them out; one read at a time, again if woken meanwhile. */
  private async read(): Promise<void> {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      let more = true;
      while (more && !this.closed) {
        this.readAgain = false;
        const rows = await this.rows(`WHERE e.id > $1 ORDER BY e.id LIMIT ${PAGE}`, [this.cursor.toString()]);
        for (const row of rows) {
          for (const subscriber of this.subscribers) {
            if (!row.audience.some((key) => subscriber.keys.has(key))) continue;
            if (subscriber.live) this.deliver(subscriber, row);
            else subscriber.buffer.push(row);
          }
          this.cursor = BigInt(row.id);
        }
        more = rows.length === PAGE || this.readAgain;
      }
    } catch (error) {
      this.logger.error({ err: error }, 'reading the event log failed');
    } finally {
      this.reading = false;
    }
  }

  private deliver(subscriber: Subscriber, row: EventRow): void {
    if (BigInt(row.id) <= subscriber.cursor) return;
    subscriber.send(row);
    subscriber.cursor = BigInt(row.id);
  }

  private rows(where: string, values: unknown[]): Promise<EventRow[]> {
    // Conditions and order name e.id: a bare `id` would be the text column of the select list, and '10' < '9'.
    return this.dataSource.query(`SELECT e.id::text, e.type, e.audience, e.data, e.created_at AS "createdAt" FROM inbox_event e ${where}`, values);
  }

  private async listen(): Promise<void> {
    if (this.closed || !this.config.databaseUrl) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'planovani-event-stream' });
    client.on('notification', () => void this.read());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'the event listener lost its connection; reconnecting');
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.listener = client;
  }
}
