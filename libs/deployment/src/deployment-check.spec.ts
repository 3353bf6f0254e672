import { describe, expect, it } from '@jest/globals';
import { blockingProblems, checkDeployment, modelFile, type ModelFile } from '@app/deployment';

/** A small executable process; `start` and `task` are the extension elements of its start event and user task. */
function model({ start = '', task = '<zeebe:formDefinition formId="review" />', taskBounds = 'x="200" y="78"' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="sample" name="Ukázka" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"><bpmn:extensionElements>${start}</bpmn:extensionElements><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="Posoudit">
      <bpmn:extensionElements>${task}<zeebe:assignmentDefinition candidateGroups="orp:zidlochovice" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="Konec"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" name="a" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" name="b" sourceRef="review" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="sample">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds ${taskBounds} width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const file = (name: string, content: string): ModelFile => modelFile(name, Buffer.from(content))!;
const form = (id: string) => file(`${id}.form`, JSON.stringify({ id, components: [] }));
const context = { jobTypes: ['io.camunda.zeebe:userTask'], deployedFormIds: ['review'] };

describe('checkDeployment', () => {
  it('finds nothing in a clean model whose form is deployed', async () => {
    await expect(checkDeployment([file('a.bpmn', model())], context)).resolves.toEqual([]);
  });

  it('gives lint warnings with severity warn, which do not block', async () => {
    // The user task's shape lies over the start event's.
    const problems = await checkDeployment([file('a.bpmn', model({ taskBounds: 'x="90" y="90"' }))], context);
    expect(problems).toContainEqual(expect.objectContaining({ field: 'a.bpmn', code: 'LINT_WARNING', severity: 'warn' }));
    expect(blockingProblems(problems)).toEqual([]);
  });

  it('gives lint errors on their element with severity error, which block', async () => {
    const problems = await checkDeployment([file('a.bpmn', model({ task: '<zeebe:formDefinition />' }))], context);
    const errors = blockingProblems(problems);
    expect(errors).toContainEqual(expect.objectContaining({ field: 'a.bpmn', elementId: 'review', code: 'LINT_ERROR', severity: 'error' }));
    expect(errors.every((problem) => problem.severity === 'error')).toBe(true);
  });

  it('checks the form of the none start event as it checks user tasks’ forms', async () => {
    const linked = model({ start: '<zeebe:formDefinition formId="start-request" />' });
    await expect(checkDeployment([file('a.bpmn', linked)], context)).resolves.toEqual([
      { field: 'a.bpmn', elementId: 'start', code: 'FORM_NOT_FOUND', message: "Form 'start-request' is neither in this deployment nor deployed before", severity: 'error' },
    ]);
    await expect(checkDeployment([file('a.bpmn', linked), form('start-request')], context)).resolves.toEqual([]);
  });

  it('names no element for what concerns the whole file', async () => {
    const problems = await checkDeployment([file('a.bpmn', '<bpmn:definitions'), file('b.form', '{')], context);
    expect(problems).toEqual([
      { field: 'b.form', code: 'FORM_INVALID', message: expect.any(String), severity: 'error' },
      { field: 'a.bpmn', code: 'LINT_ERROR', message: expect.stringMatching(/^xml-import: /), severity: 'error' },
    ]);
  });
});

describe('blockingProblems', () => {
  it('keeps the errors, in their order, and drops the warnings', () => {
    const error = (code: string) => ({ field: 'a.bpmn', code, message: code, severity: 'error' as const });
    const warning = { field: 'a.bpmn', code: 'LINT_WARNING', message: 'w', severity: 'warn' as const };
    expect(blockingProblems([error('A'), warning, error('B')])).toEqual([error('A'), error('B')]);
    expect(blockingProblems([warning])).toEqual([]);
  });
});
