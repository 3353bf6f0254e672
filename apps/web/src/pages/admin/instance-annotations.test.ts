import { describe, expect, it } from 'vitest';
import { instanceAnnotations } from './instance-annotations';

const element = (key: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED', elementType = 'USER_TASK') => ({ key, elementId, elementType, state });

describe('instanceAnnotations', () => {
  it('marks the path taken, where the instance waits and where it failed', () => {
    const annotations = instanceAnnotations({
      processInstanceKey: '1',
      elements: [
        element('1', 'process', 'ACTIVE', 'PROCESS'),
        element('2', 'start', 'COMPLETED', 'START_EVENT'),
        element('3', 'declare', 'COMPLETED'),
        element('4', 'review', 'ACTIVE'),
        element('5', 'record', 'ACTIVE', 'SERVICE_TASK'),
      ],
      incidents: [{ elementId: 'record' }],
      takenFlows: ['flow-1', 'flow-2'],
    });
    expect(annotations.markers).toEqual({
      start: ['state-completed'],
      declare: ['state-completed'],
      review: ['state-active'],
      record: ['state-incident'],
      'flow-1': ['state-taken'],
      'flow-2': ['state-taken'],
    });
    expect(annotations.overlays).toEqual([
      { elementId: 'review', text: '1' },
      { elementId: 'record', text: '! 1', className: 'overlay-incident' },
    ]);
  });

  it('counts the parallel instances of a multi-instance task, not its body, and an element active again counts as active', () => {
    const annotations = instanceAnnotations({
      processInstanceKey: '1',
      elements: [
        element('1', 'process', 'ACTIVE', 'PROCESS'),
        element('2', 'comment', 'ACTIVE', 'MULTI_INSTANCE_BODY'),
        element('3', 'comment', 'ACTIVE'),
        element('4', 'comment', 'COMPLETED'),
        element('5', 'comment', 'ACTIVE'),
      ],
      incidents: [],
      takenFlows: [],
    });
    expect(annotations.markers).toEqual({ comment: ['state-active'] });
    expect(annotations.overlays).toEqual([{ elementId: 'comment', text: '2' }]);
  });
});
