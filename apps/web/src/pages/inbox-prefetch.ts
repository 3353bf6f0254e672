import { queryClient } from '../app/query-client';
import { taskSearchOptions } from '../api/queries';
import { filterFromParams, searchOf } from './inbox-filter';

/** Asks for the inbox's first page before the page renders, when the address is the inbox's. */
export function prefetchInboxOfAddress(location: Pick<Location, 'pathname' | 'search'>): void {
  if (location.pathname !== '/ukoly') return;
  const filter = filterFromParams(new URLSearchParams(location.search));
  // The overdue view depends on the moment the page takes; only the others are the same query.
  if (filter.view === 'overdue') return;
  void queryClient.prefetchInfiniteQuery(taskSearchOptions(searchOf(filter, new Date())));
}
