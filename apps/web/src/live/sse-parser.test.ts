import { describe, expect, it } from 'vitest';
import { ServerEventParser } from './sse-parser';

describe('ServerEventParser', () => {
  it('parses events split across chunks anywhere', () => {
    const stream = 'id: 7\nevent: task.created\ndata: {"taskId":"1"}\n\n: keep-alive\n\nid: 8\r\nevent: task.completed\r\ndata: {"taskId":"2"}\r\n\r\n';
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const parser = new ServerEventParser();
      const events = [...parser.feed(stream.slice(0, cut)), ...parser.feed(stream.slice(cut))];
      expect(events).toEqual([
        { id: '7', type: 'task.created', data: '{"taskId":"1"}' },
        { id: '8', type: 'task.completed', data: '{"taskId":"2"}' },
      ]);
    }
  });

  it('joins data lines and keeps the last id for events without one', () => {
    const parser = new ServerEventParser();
    expect(parser.feed('id: 3\ndata: a\ndata: b\n\ndata: c\n\n')).toEqual([
      { id: '3', type: 'message', data: 'a\nb' },
      { id: '3', type: 'message', data: 'c' },
    ]);
  });

  it('ignores comments and events without data', () => {
    expect(new ServerEventParser().feed(': hello\n\nevent: x\n\n')).toEqual([]);
  });
});
