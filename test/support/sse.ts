/** One server-sent event as the stream framed it. */
export interface ServerSentEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** A real EventSource-like reader over fetch: collects events until closed. */
export interface SseConnection {
  readonly events: ServerSentEvent[];
  status: number;
  /** Resolves once `count` events (in total) have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ServerSentEvent[]>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: ServerSentEvent[] = [];
  const connection: SseConnection = {
    events,
    status: response.status,
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} events, got ${events.length}: ${JSON.stringify(events.map((event) => event.event))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events;
    },
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) return connection;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            frame
              .split('\n')
              .filter((line) => line && !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
          );
          if (fields.data !== undefined) events.push({ id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) });
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return connection;
}
