import { describe, expect, it } from '@jest/globals';
import { diffBpmn } from '@app/modeling';

const model = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

const v1 = model(`
  <bpmn:startEvent id="start" name="Záměr podán" />
  <bpmn:sequenceFlow id="f1" name="ke kontrole" sourceRef="start" targetRef="check" />
  <bpmn:serviceTask id="check" name="Kontrola úplnosti"><bpmn:extensionElements><zeebe:taskDefinition type="intention.check-completeness" retries="3" /></bpmn:extensionElements></bpmn:serviceTask>
  <bpmn:sequenceFlow id="f2" name="hotovo" sourceRef="check" targetRef="end" />
  <bpmn:endEvent id="end" name="Zkontrolováno" />`);

const v2 = model(`
  <bpmn:startEvent id="start" name="Záměr podán" />
  <bpmn:sequenceFlow id="f1" name="ke kontrole" sourceRef="start" targetRef="check" />
  <bpmn:serviceTask id="check" name="Kontrola úplnosti záměru"><bpmn:extensionElements><zeebe:taskDefinition type="intention.check-completeness" retries="5" /></bpmn:extensionElements></bpmn:serviceTask>
  <bpmn:sequenceFlow id="f2" name="hotovo" sourceRef="check" targetRef="notify" />
  <bpmn:sendTask id="notify" name="Oznámit"><bpmn:extensionElements><zeebe:taskDefinition type="notification.send" /></bpmn:extensionElements></bpmn:sendTask>
  <bpmn:sequenceFlow id="f3" name="oznámeno" sourceRef="notify" targetRef="end2" />
  <bpmn:endEvent id="end2" name="Oznámeno" />`);

describe('diffBpmn', () => {
  it('lists added, removed and changed elements with what changed', async () => {
    const diff = await diffBpmn(v1, v2);
    expect(diff.added.map((element) => [element.elementId, element.type])).toEqual([
      ['notify', 'SendTask'],
      ['f3', 'SequenceFlow'],
      ['end2', 'EndEvent'],
    ]);
    expect(diff.removed).toEqual([{ elementId: 'end', type: 'EndEvent', name: 'Zkontrolováno' }]);
    expect(diff.changed.map((element) => [element.elementId, element.changes!.map((change) => change.property)])).toEqual([
      ['check', ['name', 'extensions']],
      ['f2', ['targetRef']],
    ]);
    expect(diff.changed[1].changes).toEqual([{ property: 'targetRef', before: 'end', after: 'notify' }]);
  });

  it('finds nothing between a model and itself', async () => {
    expect(await diffBpmn(v1, v1)).toEqual({ added: [], removed: [], changed: [] });
  });
});
