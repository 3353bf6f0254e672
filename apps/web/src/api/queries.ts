import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, publicApi, unwrap } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];
export type Task = Schemas['TaskResponse'];
export type TaskDetail = Schemas['TaskDetailResponse'];
export type TaskSearch = Omit<Schemas['TaskSearchDto'], 'searchAfter'>;
export type TaskCounts = Schemas['TaskCountsResponse'];
export type TaskComment = Schemas['TaskCommentResponse'];
export type Intention = Schemas['IntentionResponse'];
export type IntentionDossier = Schemas['IntentionDossierResponse'];
export type IntentionInput = Schemas['CreateIntentionDto'];
export type ActionPlan = Schemas['ActionPlanResponse'];
export type Notification = Schemas['NotificationResponse'];

/** Query keys in one place, so that the live events invalidate exactly what they change. */
export const keys = {
  tasks: ['tasks'] as const,
  taskSearch: (search: TaskSearch) => ['tasks', 'search', search] as const,
  taskCounts: ['tasks', 'counts'] as const,
  task: (id: string) => ['tasks', 'one', id] as const,
  comments: (id: string) => ['tasks', 'one', id, 'comments'] as const,
  diagram: (id: string) => ['tasks', 'one', id, 'diagram'] as const,
  intentions: ['intentions'] as const,
  intentionList: (filter: IntentionFilter) => ['intentions', 'list', filter] as const,
  intention: (id: string) => ['intentions', 'one', id] as const,
  actionPlan: (year: number) => ['action-plans', year] as const,
  notifications: ['notifications'] as const,
  notificationList: (state: string) => ['notifications', 'list', state] as const,
  unread: ['notifications', 'unread'] as const,
  preferences: ['notification-preferences'] as const,
  catalog: (part: string) => ['catalog', part] as const,
  sessionOptions: ['session', 'options'] as const,
};

/** What the sign-in page offers besides login and password (sign-in through the OIDC provider). */
export function useSessionOptions() {
  return useQuery({ queryKey: keys.sessionOptions, queryFn: () => unwrap(publicApi.GET('/auth/session/options')), staleTime: Infinity });
}

/** The inbox's search as one query (the page uses it, and the start prefetches it). */
export function taskSearchOptions(search: TaskSearch) {
  return infiniteQueryOptions({
    queryKey: keys.taskSearch(search),
    initialPageParam: undefined as string[] | undefined,
    queryFn: ({ pageParam }) => unwrap(api.POST('/tasks/search', { body: { ...search, searchAfter: pageParam } })),
    getNextPageParam: (page) => page.searchAfter ?? undefined,
  });
}

export function useTaskSearch(search: TaskSearch) {
  return useInfiniteQuery({ ...taskSearchOptions(search), placeholderData: keepPreviousData });
}

export function useTaskCounts() {
  return useQuery({ queryKey: keys.taskCounts, queryFn: () => unwrap(api.GET('/tasks/counts')) });
}

export function useTask(id: string) {
  return useQuery({ queryKey: keys.task(id), queryFn: () => unwrap(api.GET('/tasks/{id}', { params: { path: { id } } })) });
}

export function useTaskComments(id: string) {
  return useQuery({ queryKey: keys.comments(id), queryFn: () => unwrap(api.GET('/tasks/{id}/comments', { params: { path: { id } } })) });
}

export function useTaskDiagram(id: string) {
  return useQuery({
    queryKey: keys.diagram(id),
    queryFn: () => unwrap(api.GET('/tasks/{id}/diagram', { params: { path: { id } } })),
    staleTime: 60_000,
  });
}

/** Claim, unclaim, assign, complete and comment: each refreshes the lists and the task it changed. */
export function useTaskActions(id: string) {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: keys.tasks });
  const path = { params: { path: { id } } };
  return {
    claim: useMutation({ mutationFn: () => unwrap(api.POST('/tasks/{id}/claim', path)), onSettled: settle }),
    unclaim: useMutation({ mutationFn: () => unwrap(api.POST('/tasks/{id}/unclaim', path)), onSettled: settle }),
    assign: useMutation({
      mutationFn: (assignee: string) => unwrap(api.POST('/tasks/{id}/assign', { ...path, body: { assignee } })),
      onSettled: settle,
    }),
    complete: useMutation({
      mutationFn: (variables: Record<string, unknown>) => unwrap(api.POST('/tasks/{id}/complete', { ...path, body: { variables } })),
      onSettled: () => Promise.all([settle(), client.invalidateQueries({ queryKey: keys.intentions })]),
    }),
    comment: useMutation({
      mutationFn: (body: string) => unwrap(api.POST('/tasks/{id}/comments', { ...path, body: { body } })),
      onSettled: () => client.invalidateQueries({ queryKey: keys.comments(id) }),
    }),
  };
}

export interface IntentionFilter {
  status?: Intention['status'];
  planYear?: number;
}

export function useIntentions(filter: IntentionFilter) {
  return useInfiniteQuery({
    queryKey: keys.intentionList(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/intentions', { params: { query: { ...filter, after: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useIntention(id: string | undefined) {
  return useQuery({
    queryKey: keys.intention(id ?? ''),
    queryFn: () => unwrap(api.GET('/intentions/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

export function useIntentionActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: keys.intentions });
  return {
    create: useMutation({ mutationFn: (body: IntentionInput) => unwrap(api.POST('/intentions', { body })), onSettled: settle }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateIntentionDto'] }) =>
        unwrap(api.PATCH('/intentions/{id}', { params: { path: { id } }, body })),
      onSettled: settle,
    }),
    submit: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/intentions/{id}/submit', { params: { path: { id } } })),
      onSettled: () => Promise.all([settle(), client.invalidateQueries({ queryKey: keys.tasks })]),
    }),
    withdraw: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        unwrap(api.POST('/intentions/{id}/withdraw', { params: { path: { id } }, body: { reason } })),
      onSettled: () => Promise.all([settle(), client.invalidateQueries({ queryKey: keys.tasks })]),
    }),
  };
}

export function useServiceTypes() {
  return useQuery({ queryKey: keys.catalog('service-types'), queryFn: () => unwrap(api.GET('/catalog/service-types')), staleTime: Infinity });
}

export function useTerritory() {
  return useQuery({ queryKey: keys.catalog('territory'), queryFn: () => unwrap(api.GET('/catalog/territory')), staleTime: Infinity });
}

export function useTargetGroups() {
  return useQuery({ queryKey: keys.catalog('target-groups'), queryFn: () => unwrap(api.GET('/catalog/target-groups')), staleTime: Infinity });
}

export function useActionPlan(year: number) {
  return useQuery({
    queryKey: keys.actionPlan(year),
    queryFn: () => unwrap(api.GET('/action-plans/{year}', { params: { path: { year } } })),
  });
}

export function useOpenActionPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['StartActionPlanDto']) => unwrap(api.POST('/action-plans', { body })),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['action-plans'] }), client.invalidateQueries({ queryKey: keys.tasks })]),
  });
}

export function useUnreadCount() {
  return useQuery({ queryKey: keys.unread, queryFn: () => unwrap(api.GET('/me/notifications/unread-count')) });
}

export type NotificationListState = 'inbox' | 'unread' | 'read' | 'archived' | 'all';

export function useNotifications(state: NotificationListState) {
  return useQuery({
    queryKey: keys.notificationList(state),
    queryFn: () => unwrap(api.GET('/me/notifications', { params: { query: { state, limit: 100 } } })),
  });
}

export function useNotificationActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: keys.notifications });
  return {
    markRead: useMutation({ mutationFn: (ids?: string[]) => unwrap(api.POST('/me/notifications/mark-read', { body: ids ? { ids } : {} })), onSettled: settle }),
    change: useMutation({
      mutationFn: ({ id, read, archived }: { id: string; read?: boolean; archived?: boolean }) =>
        unwrap(api.PATCH('/me/notifications/{id}', { params: { path: { id } }, body: { read, archived } })),
      onSettled: settle,
    }),
  };
}

export function usePreferences() {
  return useQuery({ queryKey: keys.preferences, queryFn: () => unwrap(api.GET('/me/notification-preferences')) });
}

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['PreferencesDto']) => unwrap(api.PUT('/me/notification-preferences', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.preferences }),
  });
}
