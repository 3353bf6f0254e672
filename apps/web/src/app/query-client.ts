import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/errors';

/** The application's one query cache. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Refusals (404, 403, 422) are answers, not outages: only retry what may pass on a second try.
      retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});
