import { authorizedFetch } from '../api/client';
import { ServerEventParser, type ServerEvent } from './sse-parser';

export type LiveEventHandler = (event: ServerEvent) => void;
export type ConnectionState = 'connecting' | 'open' | 'closed';

const MAX_BACKOFF_MS = 15_000;

/**
 * The signed-in user's event stream (`GET /me/events`) read with fetch, so the access token
 * travels in the Authorization header and never in a URL. The server ends the stream when
 * the token expires and a connection may drop: it reconnects with a fresh token and
 * `Last-Event-ID`, so no event is missed in between.
 */
export class LiveEvents {
  private lastEventId: string | null = null;
  private controller: AbortController | null = null;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly onEvent: LiveEventHandler,
    private readonly onState: (state: ConnectionState) => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connect();
        this.failures = 0;
      } catch {
        this.failures += 1;
      }
      if (this.stopped) break;
      this.onState('closed');
      await delay(this.failures === 0 ? 100 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 5)));
    }
  }

  private async connect(): Promise<void> {
    this.onState('connecting');
    this.controller = new AbortController();
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    const response = await authorizedFetch(new Request('/me/events', { headers, signal: this.controller.signal }));
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    this.onState('open');
    const parser = new ServerEventParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.feed(value)) {
        if (event.id) this.lastEventId = event.id;
        this.onEvent(event);
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
