/**
 * Small, valid models for deployment tests: a process that sends a notification (a job type
 * the product serves) and asks an ORP official to confirm in a linked form.
 */
export function aProcessModel(options: { processId?: string; taskName?: string; jobType?: string; formId?: string; startFormId?: string } = {}): string {
  const { processId = 'admin-sample', taskName = 'Potvrdit přijetí', jobType = 'notification.send', formId = 'admin-sample-form', startFormId } = options;
  const startForm = startFormId === undefined ? '' : `<bpmn:extensionElements><zeebe:formDefinition formId="${startFormId}" /></bpmn:extensionElements>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="definitions" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${processId}" name="Ukázkový proces" isExecutable="true">
    <bpmn:startEvent id="start" name="Začátek">${startForm}<bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" name="oznámit" sourceRef="start" targetRef="notify" />
    <bpmn:serviceTask id="notify" name="Oznámit ORP">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="3" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" name="potvrdit" sourceRef="notify" targetRef="confirm" />
    <bpmn:userTask id="confirm" name="${taskName}">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="${formId}" />
        <zeebe:assignmentDefinition candidateGroups="orp:zidlochovice" />
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" name="hotovo" sourceRef="confirm" targetRef="end" />
    <bpmn:endEvent id="end" name="Konec"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="notify_di" bpmnElement="notify"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="confirm_di" bpmnElement="confirm"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export function aForm(formId = 'admin-sample-form'): string {
  return JSON.stringify({
    id: formId,
    type: 'default',
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.8.0',
    components: [{ type: 'checkbox', key: 'confirmed', label: 'Potvrzuji přijetí', validate: { required: true } }],
  });
}
