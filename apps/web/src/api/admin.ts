import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ApiError } from './errors';
import type { components } from './schema';

/*
 * Data access of the administration pages (`/sprava`). Kept apart from the officials'
 * queries so that it loads with those pages only.
 */

type Schemas = components['schemas'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type AuditFilter = { intentionId?: string; processInstanceKey?: string; userId?: string; action?: string; from?: string; to?: string };
export type ChainVerdict = Schemas['ChainVerdictResponse'];
export type Account = Schemas['UserResponse'];
export type AccountFilter = { role?: Account['role']; territory?: string; q?: string };
export type NewAccount = Schemas['CreateUserDto'];
export type AccountChange = Schemas['UpdateUserDto'];
export type InstanceSummary = Schemas['InstanceSummaryResponse'];
export type InstanceFilter = { bpmnProcessId?: string; version?: number; state?: InstanceSummary['state']; businessKey?: string };
export type ProcessInstance = Schemas['ProcessInstanceResponse'];
export type OpenIncident = Schemas['OpenIncidentResponse'];
export type DeployedProcess = Schemas['ProcessResponse'];
export type ProcessFigures = Schemas['ProcessFiguresResponse'];
export type ProcessDiff = Schemas['ProcessDiffResponse'];

export const adminKeys = {
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
  accounts: (filter: AccountFilter) => ['admin', 'accounts', filter] as const,
  account: (id: string) => ['admin', 'accounts', 'one', id] as const,
  instances: (filter: InstanceFilter) => ['admin', 'instances', filter] as const,
  instance: (key: string) => ['admin', 'instances', 'one', key] as const,
  incidents: ['admin', 'incidents'] as const,
  processes: ['admin', 'processes'] as const,
  processXml: (id: string, version: number) => ['admin', 'processes', id, version, 'xml'] as const,
  figures: (id: string) => ['admin', 'processes', id, 'figures'] as const,
  diff: (id: string, from: number, to: number) => ['admin', 'processes', id, 'diff', from, to] as const,
  drafts: ['admin', 'drafts'] as const,
};

export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/audit', { params: { query: { ...filter, after: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One entry by its id (the log pages newest first with `after` meaning "ids below"). */
export async function auditEntry(id: string): Promise<AuditEntry | undefined> {
  const page = await unwrap(api.GET('/audit', { params: { query: { after: (BigInt(id) + 1n).toString(), limit: 1 } } }));
  return page.items.find((entry) => entry.id === id);
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/audit/verify')) });
}

export function useAccounts(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.accounts(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/admin/users', { params: { query: { ...filter, after: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({ queryKey: adminKeys.account(id), queryFn: () => unwrap(api.GET('/admin/users/{id}', { params: { path: { id } } })) });
}

export function useAccountActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: ['admin', 'accounts'] });
  return {
    create: useMutation({ mutationFn: (body: NewAccount) => unwrap(api.POST('/admin/users', { body })), onSettled: settle }),
    change: useMutation({
      mutationFn: ({ id, body }: { id: string; body: AccountChange }) => unwrap(api.PATCH('/admin/users/{id}', { params: { path: { id } }, body })),
      onSettled: settle,
    }),
  };
}

export function useInstances(filter: InstanceFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.instances(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/admin/instances', { params: { query: { ...filter, after: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

function instanceQuery(key: string) {
  return { queryKey: adminKeys.instance(key), queryFn: () => unwrap(api.GET('/admin/instances/{key}', { params: { path: { key } } })) };
}

/** One instance, read again every few seconds while it runs, so that its page follows it. */
export function useInstance(key: string) {
  return useQuery({
    ...instanceQuery(key),
    refetchInterval: (query) => (query.state.data?.state === 'ACTIVE' ? 3000 : false),
  });
}

export function useIncidents() {
  return useQuery({ queryKey: adminKeys.incidents, queryFn: () => unwrap(api.GET('/admin/incidents')) });
}

export function useInstanceActions(key: string) {
  const client = useQueryClient();
  const settle = () => Promise.all([client.invalidateQueries({ queryKey: ['admin', 'instances'] }), client.invalidateQueries({ queryKey: adminKeys.incidents })]);
  return {
    resolve: useMutation({
      mutationFn: ({ incidentKey, ...body }: { incidentKey: string } & Schemas['ResolveIncidentDto']) =>
        unwrap(api.POST('/admin/incidents/{key}/resolve', { params: { path: { key: incidentKey } }, body })),
      onSettled: settle,
    }),
    cancel: useMutation({
      mutationFn: (reason: string) => unwrap(api.POST('/admin/instances/{processInstanceKey}/cancel', { params: { path: { processInstanceKey: key } }, body: { reason } })),
      onSettled: settle,
    }),
  };
}

export function useProcesses() {
  return useQuery({ queryKey: adminKeys.processes, queryFn: () => unwrap(api.GET('/admin/processes')) });
}

/** The BPMN XML of one deployed version (deployed XML never changes). */
export function useProcessXml(processId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: adminKeys.processXml(processId ?? '', version ?? 0),
    queryFn: () => processXml(processId!, version!),
    enabled: Boolean(processId && version),
    staleTime: Infinity,
  });
}

/** The body of an answer read as text (the XML routes), or the API's error as an ApiError. */
async function textOf(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<string> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as string;
}

export function processXml(processId: string, version: number): Promise<string> {
  return textOf(api.GET('/admin/processes/{processId}/versions/{version}', { params: { path: { processId, version } }, parseAs: 'text' }));
}

export function useProcessFigures(processId: string) {
  return useQuery({ queryKey: adminKeys.figures(processId), queryFn: () => unwrap(api.GET('/admin/processes/{processId}/figures', { params: { path: { processId } } })) });
}

export function useProcessDiff(processId: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: adminKeys.diff(processId, from ?? 0, to ?? 0),
    queryFn: () => unwrap(api.GET('/admin/processes/{processId}/diff', { params: { path: { processId }, query: { from: from!, to: to! } } })),
    enabled: Boolean(from && to && from !== to),
    staleTime: Infinity,
  });
}

export type Migration = Schemas['MigrateInstanceDto'];

export function useInstanceViews(keys: readonly string[]) {
  return useQueries({
    queries: keys.map(instanceQuery),
  });
}

export function useMigrateInstance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ processInstanceKey, ...body }: Migration & { processInstanceKey: string }) =>
      unwrap(api.POST('/admin/instances/{processInstanceKey}/migration', { params: { path: { processInstanceKey } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'instances'] }),
  });
}

export type DraftSummary = Schemas['DraftSummaryResponse'];
export type Draft = Schemas['DraftResponse'];
export type DraftFile = Schemas['DraftFileResponse'];
export type DeploymentProblem = Schemas['DeploymentProblemResponse'];
export type Deployment = Schemas['DeploymentResponse'];

export function useDrafts() {
  return useQuery({ queryKey: adminKeys.drafts, queryFn: () => unwrap(api.GET('/admin/drafts')) });
}

export function fetchDraft(id: string): Promise<Draft> {
  return unwrap(api.GET('/admin/drafts/{id}', { params: { path: { id } } }));
}

export function useDraftActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: adminKeys.drafts });
  return {
    create: useMutation({ mutationFn: (body: { name: string; files: DraftFile[] }) => unwrap(api.POST('/admin/drafts', { body })), onSettled: settle }),
    replace: useMutation({
      mutationFn: ({ id, ...body }: { id: string; name: string; files: DraftFile[]; version: number }) => unwrap(api.PUT('/admin/drafts/{id}', { params: { path: { id } }, body })),
      onSettled: settle,
    }),
    remove: useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/admin/drafts/{id}', { params: { path: { id } } })), onSettled: settle }),
    deploy: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => unwrap(api.POST('/admin/drafts/{id}/deploy', { params: { path: { id } }, body: { version } })),
      onSettled: () => Promise.all([settle(), client.invalidateQueries({ queryKey: adminKeys.processes }), client.invalidateQueries({ queryKey: ['admin', 'forms'] }), client.invalidateQueries({ queryKey: ['admin', 'decisions'] })]),
    }),
  };
}

/** The server's deploy check of the files as they are now (the same rules a deployment passes). */
export function checkModels(files: DraftFile[]): Promise<DeploymentProblem[]> {
  return unwrap(api.POST('/admin/deployments/check', { body: { files } })).then((result) => result.problems);
}

export function useDeployedForms() {
  return useQuery({ queryKey: ['admin', 'forms'], queryFn: () => unwrap(api.GET('/admin/forms')) });
}

export function fetchDeployedForm(formId: string, version: number): Promise<unknown> {
  return unwrap(api.GET('/admin/forms/{formId}/versions/{version}', { params: { path: { formId, version } } }));
}

export function useDeployedDecisions() {
  return useQuery({ queryKey: ['admin', 'decisions'], queryFn: () => unwrap(api.GET('/admin/decisions')) });
}

export function fetchDeployedDecision(decisionRequirementsId: string, version: number): Promise<string> {
  return textOf(api.GET('/admin/decisions/{decisionRequirementsId}/versions/{version}', { params: { path: { decisionRequirementsId, version } }, parseAs: 'text' }));
}

/** A deployed process, form or decision table as a file of the modeler (named by its id and kind). */
export async function deployedFile(kind: 'bpmn' | 'form' | 'dmn', id: string, version: number): Promise<{ name: string; content: string }> {
  const content =
    kind === 'bpmn'
      ? await processXml(id, version)
      : kind === 'form'
        ? JSON.stringify(await fetchDeployedForm(id, version), null, 2)
        : await fetchDeployedDecision(id, version);
  return { name: `${id}.${kind}`, content };
}

/** The form of a process version's start event; null when it has none. */
export function useStartForm(processId: string, version: number) {
  return useQuery({
    queryKey: ['admin', 'processes', processId, version, 'start-form'],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/admin/processes/{processId}/versions/{version}/start-form', { params: { path: { processId, version } } });
      if (response.status === 404) return null;
      if (!response.ok) throw new ApiError(response.status, error);
      return data as Record<string, unknown>;
    },
    staleTime: Infinity,
  });
}

export function useStartInstance(processId: string, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['StartInstanceDto']) => unwrap(api.POST('/admin/processes/{processId}/versions/{version}/instances', { params: { path: { processId, version } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'instances'] }),
  });
}
