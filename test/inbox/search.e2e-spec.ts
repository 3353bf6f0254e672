import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SignedInUser } from '../support/api.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

interface Listed {
  id: string;
  sortValues: [string, string];
  dueDate: string | null;
  priority: number;
}

describe('POST /tasks/search and GET /tasks/counts', () => {
  let inbox: InboxTestContext;
  let official: SignedInUser;
  let head: SignedInUser;
  let officer: SignedInUser;
  let admin: SignedInUser;
  const tasks: Record<string, string> = {};

  const search = async (user: SignedInUser, body: Record<string, unknown>, status = 200) => (await inbox.http().post('/tasks/search').set(user.auth).send(body).expect(status)).body;
  const ids = (body: { items: Listed[] }) => body.items.map((task) => task.id);

  beforeAll(async () => {
    inbox = await startInbox();
    await inbox.deployShipped();
    // Due in `dueDays` days (none when null), ranked by `rank`, about the ORP `orpId`.
    await inbox.deployModel(
      aUserTaskProcess({
        processId: 'search-test',
        formId: null,
        dueDate: '=if dueDays = null then null else string(now() + duration("P" + string(dueDays) + "D"))',
        followUpDate: '=if followUpDays = null then null else string(now() + duration("P" + string(followUpDays) + "D"))',
      }),
    );
    await inbox.deployModel(aUserTaskProcess({ processId: 'other-process', formId: null }));
    await inbox.deployModel(aUserTaskProcess({ processId: 'urgent-process', formId: null, headers: { priority: '90' } }));
    official = await inbox.signIn('orp_official');
    head = await inbox.signIn('orp_head');
    officer = await inbox.signIn('regional_officer');
    admin = await inbox.signIn('administrator');
    const specs: [string, string, Record<string, unknown>][] = [
      ['a', 'search-test', { groups: ['orp:zidlochovice'], dueDays: 3, followUpDays: 1, intentionId: '11' }],
      ['b', 'search-test', { groups: ['orp:zidlochovice'], dueDays: 10, followUpDays: null, intentionId: '12' }],
      ['c', 'search-test', { groups: ['orp:zidlochovice'], dueDays: null, followUpDays: null, intentionId: '13' }],
      ['d', 'other-process', { groups: ['orp:zidlochovice'], intentionId: '14' }],
      ['e', 'search-test', { groups: ['orp-head:zidlochovice'], dueDays: 1, followUpDays: null, intentionId: '15' }],
      ['f', 'search-test', { groups: ['orp:kurim'], dueDays: 2, followUpDays: null, intentionId: '16' }],
      ['g', 'search-test', { groups: ['region:jmk:social-dept'], dueDays: 5, followUpDays: null, orpId: 'kurim' }],
      ['h', 'search-test', { groups: ['region:jmk:social-dept'], dueDays: 6, followUpDays: null, orpId: 'zidlochovice' }],
      ['i', 'urgent-process', { groups: ['orp-head:zidlochovice'] }],
    ];
    for (const [name, processId, variables] of specs) {
      tasks[name] = await inbox.taskOf(await inbox.start(processId, { dueDays: null, followUpDays: null, ...variables }));
    }
    await inbox.http().post(`/tasks/${tasks.b}/claim`).set(official.auth).expect(200);
  });
  afterAll(() => inbox?.close());

  it('shows each user the tasks of their groups, newest first', async () => {
    expect(ids(await search(official, {}))).toEqual([tasks.d, tasks.c, tasks.b, tasks.a]);
    expect(ids(await search(head, {}))).toEqual([tasks.i, tasks.e, tasks.d, tasks.c, tasks.b, tasks.a]);
    expect(ids(await search(officer, {}))).toEqual([tasks.h, tasks.g]);
    expect(ids(await search(admin, {}))).toEqual([tasks.i, tasks.h, tasks.g, tasks.f, tasks.e, tasks.d, tasks.c, tasks.b, tasks.a]);
  });

  it('filters by assignment, group, process, intention, territory and dates', async () => {
    expect(ids(await search(official, { assignedToMe: true }))).toEqual([tasks.b]);
    expect(ids(await search(official, { unassigned: true }))).toEqual([tasks.d, tasks.c, tasks.a]);
    expect(ids(await search(head, { candidateGroup: 'orp-head:zidlochovice' }))).toEqual([tasks.i, tasks.e]);
    expect(ids(await search(official, { candidateGroup: 'orp-head:zidlochovice' }))).toEqual([]);
    expect(ids(await search(official, { bpmnProcessId: 'other-process' }))).toEqual([tasks.d]);
    expect(ids(await search(official, { intentionId: '12' }))).toEqual([tasks.b]);
    expect(ids(await search(official, { intentionId: '16' }))).toEqual([]);
    expect(ids(await search(officer, { orpId: 'kurim' }))).toEqual([tasks.g]);
    expect(ids(await search(admin, { districtId: 'brno-venkov', orpId: 'kurim' }))).toEqual([tasks.g, tasks.f]);
    const inFourDays = new Date(Date.now() + 4 * 86_400_000).toISOString();
    expect(ids(await search(official, { dueBefore: inFourDays }))).toEqual([tasks.a]);
    expect(ids(await search(official, { dueAfter: inFourDays }))).toEqual([tasks.b]);
    expect(ids(await search(official, { followUpBefore: inFourDays }))).toEqual([tasks.a]);
    expect(ids(await search(official, { state: 'COMPLETED' }))).toEqual([]);
  });

  it('sorts by due date (undated last) and by priority', async () => {
    const byDue = (await search(head, { sort: { field: 'due', order: 'asc' } })).items as Listed[];
    expect(byDue.slice(0, 3).map((task) => task.id)).toEqual([tasks.e, tasks.a, tasks.b]);
    expect(byDue.slice(3).map((task) => task.dueDate)).toEqual([null, null, null]);
    const byPriority = (await search(head, { sort: { field: 'priority', order: 'desc' } })).items as Listed[];
    expect(byPriority.map((task) => task.priority)).toEqual([90, 50, 50, 50, 50, 50]);
    expect(byPriority[0].id).toBe(tasks.i);
  });

  it('pages with searchAfter without gaps or repeats, in every sort', async () => {
    for (const sort of [{ field: 'created', order: 'desc' }, { field: 'due', order: 'asc' }, { field: 'due', order: 'desc' }, { field: 'priority', order: 'asc' }]) {
      const all = ids(await search(admin, { sort }));
      const paged: string[] = [];
      let searchAfter: string[] | undefined;
      for (;;) {
        const page = await search(admin, { sort, pageSize: 3, ...(searchAfter ? { searchAfter } : {}) });
        paged.push(...ids(page));
        if (!page.searchAfter) break;
        searchAfter = page.searchAfter;
      }
      expect(paged).toEqual(all);
      // The same through the access keys of a regular user.
      const headAll = ids(await search(head, { sort }));
      const first = await search(head, { sort, pageSize: 2 });
      const rest = await search(head, { sort, pageSize: 10, searchAfter: first.searchAfter });
      expect([...ids(first), ...ids(rest)]).toEqual(headAll);
    }
  });

  it('answers 400 for a malformed search, with a code per field', async () => {
    const body = await search(official, { state: 'OPEN', pageSize: 1000, sort: { field: 'name', order: 'up' }, dueBefore: 'tomorrow', unknown: 1 }, 400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['dueBefore', 'pageSize', 'sort.field', 'sort.order', 'state', 'unknown']);
    expect((await search(official, { assignedToMe: true, unassigned: true }, 400)).error.fields[0].code).toBe('CONFLICTING_FILTERS');
    expect((await search(official, { searchAfter: ['yesterday', '1'] }, 400)).error.fields[0].code).toBe('INVALID_CURSOR');
  });

  it('counts open, mine, unassigned and overdue tasks for the badges', async () => {
    expect((await inbox.http().get('/tasks/counts').set(official.auth).expect(200)).body).toEqual({ open: 4, assignedToMe: 1, unassigned: 3, overdue: 0 });
    expect((await inbox.http().get('/tasks/counts').set(head.auth).expect(200)).body).toEqual({ open: 6, assignedToMe: 0, unassigned: 5, overdue: 0 });
    expect((await inbox.http().get('/tasks/counts').set(admin.auth).expect(200)).body).toMatchObject({ open: 9 });
  });
});
