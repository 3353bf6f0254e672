import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../api/queries';
import { LiveEvents, type ConnectionState } from './live-events';

/**
 * Keeps the open pages current: each event of `/me/events` invalidates the queries it
 * changes, so a new task, a colleague's claim or a completion appears without a reload.
 */
export function useLiveEvents(): ConnectionState {
  const client = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const live = new LiveEvents((event) => {
      if (event.type.startsWith('task.')) void client.invalidateQueries({ queryKey: keys.tasks });
      else if (event.type.startsWith('notification.')) void client.invalidateQueries({ queryKey: keys.notifications });
      // A task or a notification about an intention means its dossier has moved on (a provider is told of each step).
      const intentionId = parseData(event.data).intentionId;
      if (typeof intentionId === 'string') void client.invalidateQueries({ queryKey: keys.intention(intentionId) });
    }, (state) => {
      setState(state);
      // Whatever happened before the stream was (re)opened without a Last-Event-ID to resume from
      // (the page's first connection) is fetched again, so a task created meanwhile is not missed.
      if (state === 'open') {
        void client.invalidateQueries({ queryKey: keys.tasks });
        void client.invalidateQueries({ queryKey: keys.notifications });
      }
    });
    live.start();
    return () => live.stop();
  }, [client]);
  return state;
}

function parseData(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
