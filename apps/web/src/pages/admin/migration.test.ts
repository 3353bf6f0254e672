import { describe, expect, it } from 'vitest';
import { flowElementsOf, proposeMappings } from './migration';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" name="Začátek" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Posoudit"><bpmn:extensionElements><zeebe:formDefinition formId="x" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:subProcess id="sub"><bpmn:serviceTask id="inner" /></bpmn:subProcess>
    <bpmn:boundaryEvent id="timer" attachedToRef="review"><bpmn:timerEventDefinition id="def"><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe('migration mapping', () => {
  it('lists the flow nodes of the target model, not its flows or definitions', () => {
    expect(flowElementsOf(MODEL)).toEqual([
      { id: 'start', name: 'Začátek', type: 'startEvent' },
      { id: 'review', name: 'Posoudit', type: 'userTask' },
      { id: 'sub', name: null, type: 'subProcess' },
      { id: 'inner', name: null, type: 'serviceTask' },
      { id: 'timer', name: null, type: 'boundaryEvent' },
    ]);
  });

  it('proposes the same ids, and nothing where the target has no such element', () => {
    expect(proposeMappings(['review', 'gone'], flowElementsOf(MODEL))).toEqual({ review: 'review', gone: '' });
  });
});
