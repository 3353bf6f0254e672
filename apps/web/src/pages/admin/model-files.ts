/*
 * The files of a deployment as the modeler edits them: a BPMN process, the forms its user
 * tasks and start event link to, and decision tables. New files start from these blanks.
 */

export interface ModelFile {
  /** e.g. `comment-round.bpmn`, `comment.form`, `rates.dmn` */
  name: string;
  content: string;
}

export type ModelKind = 'bpmn' | 'form' | 'dmn';

export function kindOf(name: string): ModelKind | null {
  const extension = /\.(bpmn|form|dmn)$/.exec(name)?.[1];
  return (extension as ModelKind | undefined) ?? null;
}

/** An id as BPMN, DMN and forms accept it (an XML NCName), made of what a person typed. */
export function idOf(text: string): string {
  const id = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z_]/.test(id) ? id : `id-${id}`;
}

/** A new process: its id, a name, and a start event to draw from. */
export function blankProcess(processId: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${processId}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="start" name="Zahájeno" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** A new form with its id (what a user task's form link names). */
export function blankForm(formId: string): string {
  return JSON.stringify({ id: formId, type: 'default', components: [], executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.8.0' }, null, 2);
}

/** A new decision table with one input and one output, to be shaped in the table editor. */
export function blankDecision(decisionId: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="Definitions_${decisionId}" name="${escapeXml(name)}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${decisionId}" name="${escapeXml(name)}">
    <decisionTable id="${decisionId}_table" hitPolicy="UNIQUE">
      <input id="${decisionId}_input" label="Vstup">
        <inputExpression id="${decisionId}_input_expression" typeRef="string">
          <text>vstup</text>
        </inputExpression>
      </input>
      <output id="${decisionId}_output" label="Výstup" name="vystup" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="${decisionId}_diagram">
      <dmndi:DMNShape id="${decisionId}_shape" dmnElementRef="${decisionId}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
