import { describe, expect, it } from 'vitest';
import { filterFromParams, filterToParams, searchOf } from './inbox-filter';

describe('inbox filter', () => {
  it('round-trips through the address', () => {
    const filter = { view: 'mine', sort: 'dueAsc', process: 'orp-need-declaration', dueFrom: '2026-01-01', dueTo: '2026-02-01' } as const;
    expect(filterFromParams(filterToParams(filter))).toEqual(filter);
    expect(filterToParams({ view: 'all', sort: 'createdDesc' }).toString()).toBe('');
  });

  it('ignores what it does not know', () => {
    expect(filterFromParams(new URLSearchParams('pohled=x&razeni=y&od=2026-13-45'))).toEqual({ view: 'all', sort: 'createdDesc' });
  });

  it('asks the API for the view', () => {
    const now = new Date('2026-06-01T10:00:00Z');
    expect(searchOf({ view: 'mine', sort: 'createdDesc' }, now)).toMatchObject({ assignedToMe: true, state: 'CREATED', sort: { field: 'created', order: 'desc' } });
    expect(searchOf({ view: 'unassigned', sort: 'dueAsc' }, now)).toMatchObject({ unassigned: true, sort: { field: 'due', order: 'asc' } });
    expect(searchOf({ view: 'done', sort: 'createdDesc' }, now).state).toBe('COMPLETED');
    expect(searchOf({ view: 'overdue', sort: 'createdDesc' }, now).dueBefore).toBe(now.toISOString());
  });
});
