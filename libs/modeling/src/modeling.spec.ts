import { describe, expect, it } from '@jest/globals';
import { formKeysOf, inspectBpmn, lintBpmn } from '@app/modeling';

// A minimal executable Zeebe 8.8 process with diagram: start -> service -> user task -> message catch -> end.
function model(options: { jobType?: string; formId?: string; name?: string } = {}): string {
  const { jobType = 'intention.check-completeness', formId = 'resubmission', name = 'Kontrola' } = options;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:message id="msg" name="intention-withdrawn">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=intentionId" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:process id="sample" name="Ukázka" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="check" name="${name}">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="3" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="fix" name="Doplnit">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="${formId}" />
        <zeebe:assignmentDefinition candidateGroups="=[&#34;orp:&#34; + orpId]" />
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="wait" name="Vzato zpět">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:messageEventDefinition id="wait_def" messageRef="msg" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" name="Konec"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" name="a" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" name="b" sourceRef="check" targetRef="fix" />
    <bpmn:sequenceFlow id="f3" name="c" sourceRef="fix" targetRef="wait" />
    <bpmn:sequenceFlow id="f4" name="d" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="sample">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="check_di" bpmnElement="check"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="fix_di" bpmnElement="fix"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="wait_di" bpmnElement="wait"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="620" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="556" y="118" /><di:waypoint x="620" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

describe('lintBpmn', () => {
  it('finds nothing in a clean executable model with a job-based user task', async () => {
    await expect(lintBpmn(model())).resolves.toEqual([]);
  });

  it('reports a missing job type as an error of the Camunda rules on the element', async () => {
    const problems = await lintBpmn(model({ jobType: '' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ elementId: 'check', rule: 'camunda-compat/implementation', category: 'error' }),
    );
  });

  it('reports a missing label as an error of the recommended rules', async () => {
    const problems = await lintBpmn(model({ name: '' }));
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'check', rule: 'label-required', category: 'error' }));
  });

  it('gives the same answer when the same model is linted again', async () => {
    await expect(lintBpmn(model())).resolves.toEqual([]);
    await expect(lintBpmn(model())).resolves.toEqual([]);
  });

  it('gives each caller problems of its own, also when the model was linted before', async () => {
    const first = await lintBpmn(model({ name: '' }));
    first[0].message = 'changed by the caller';
    first.length = 0;
    const again = await lintBpmn(model({ name: '' }));
    expect(again.map((problem) => problem.rule)).toContain('label-required');
    expect(again.map((problem) => problem.message)).not.toContain('changed by the caller');
  });

  it('answers concurrent calls each with its own model\'s problems', async () => {
    const [clean, unlabelled] = await Promise.all([lintBpmn(model()), lintBpmn(model({ name: '' }))]);
    expect(clean).toEqual([]);
    expect(unlabelled.map((problem) => problem.rule)).toContain('label-required');
  });

  it('reports XML that is not BPMN as an xml-import error instead of throwing', async () => {
    const problems = await lintBpmn('<not-bpmn');
    expect(problems).toEqual([expect.objectContaining({ rule: 'xml-import', category: 'error' })]);
  });

  it('reports an unresolvable reference in otherwise readable XML as an xml-import error', async () => {
    const problems = await lintBpmn(model().replace('targetRef="end"', 'targetRef="nowhere"'));
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'xml-import', category: 'error' }));
  });
});

describe('inspectBpmn', () => {
  it('lists job types, user tasks with their forms, and messages with correlation keys', async () => {
    const inventory = await inspectBpmn(model());
    expect(inventory.processIds).toEqual(['sample']);
    expect(inventory.jobTypes).toEqual([{ type: 'intention.check-completeness', elementId: 'check', processId: 'sample' }]);
    expect(inventory.userTasks).toEqual([
      { elementId: 'fix', name: 'Doplnit', processId: 'sample', formId: 'resubmission', candidateGroups: '=["orp:" + orpId]' },
    ]);
    expect(inventory.startForms).toEqual([]);
    expect(inventory.messages).toEqual([{ name: 'intention-withdrawn', correlationKey: '=intentionId' }]);
    expect(inventory.calledElements).toEqual([]);
    expect(inventory.calledDecisions).toEqual([]);
  });

  it('gives the form of the none start event, the one a person starts the process with', async () => {
    const withStartForm = model().replace(
      '<bpmn:startEvent id="start" name="Start">',
      '<bpmn:startEvent id="start" name="Start"><bpmn:extensionElements><zeebe:formDefinition formId="start-request" /></bpmn:extensionElements>',
    );
    const inventory = await inspectBpmn(withStartForm);
    expect(inventory.startForms).toEqual([{ elementId: 'start', processId: 'sample', formId: 'start-request' }]);
    // The start form is no user task's form.
    await expect(formKeysOf(withStartForm)).resolves.toEqual(['resubmission']);
  });

  it('gives no start form for a start event with an event definition', async () => {
    const messageStart = model().replace(
      '<bpmn:startEvent id="start" name="Start"><bpmn:outgoing>f1</bpmn:outgoing>',
      '<bpmn:startEvent id="start" name="Start"><bpmn:extensionElements><zeebe:formDefinition formId="start-request" /></bpmn:extensionElements><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition id="start_def" messageRef="msg" />',
    );
    expect((await inspectBpmn(messageStart)).startForms).toEqual([]);
  });

  it('gives the distinct form ids through formKeysOf', async () => {
    await expect(formKeysOf(model({ formId: 'orp-need-declaration' }))).resolves.toEqual(['orp-need-declaration']);
  });
});
