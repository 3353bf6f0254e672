/** One server-sent event. */
export interface ServerEvent {
  id: string | null;
  type: string;
  data: string;
}

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML §9.2): feed it chunks
 * as they arrive, get the complete events back. Comments (`: keep-alive`) are skipped.
 */
export class ServerEventParser {
  private buffer = '';
  private id: string | null = null;
  private type = '';
  private data: string[] = [];

  feed(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const events: ServerEvent[] = [];
    let newline: number;
    while ((newline = this.nextLineEnd()) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? newline + 2 : newline + 1);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private nextLineEnd(): number {
    const lf = this.buffer.indexOf('\n');
    const cr = this.buffer.indexOf('\r');
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      // A lone CR at the very end may be the first half of CRLF: wait for more.
      return cr === this.buffer.length - 1 ? -1 : cr;
    }
    return lf;
  }

  private line(line: string): ServerEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): ServerEvent | null {
    const event = this.data.length > 0 ? { id: this.id, type: this.type || 'message', data: this.data.join('\n') } : null;
    this.type = '';
    this.data = [];
    return event;
  }
}
