import { describe, expect, it } from '@jest/globals';
import { BpmnValidationError, parseBpmn } from './parse.js';

const definitions = (body: string, roots = '') =>
  `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${roots}</bpmn:definitions>`;

async function reasons(xml: string): Promise<string[]> {
  try {
    await parseBpmn(xml);
  } catch (error) {
    if (error instanceof BpmnValidationError) return error.reasons;
    throw error;
  }
  throw new Error('Expected the model to be rejected');
}

describe('parseBpmn', () => {
  it('reads elements, flows, Zeebe extensions and boundary events', async () => {
    const { processes } = await parseBpmn(
      definitions(`<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="=kind" retries="5"/>
          <zeebe:taskHeaders><zeebe:header key="k" value="v"/></zeebe:taskHeaders>
          <zeebe:ioMapping><zeebe:input source="=a" target="b.c"/><zeebe:output source="=x" target="y"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e2"/>`),
    );
    const model = processes[0];
    expect(model.elements.get('p')?.startEventId).toBe('s');
    const task = model.elements.get('t')!;
    expect(task).toMatchObject({ type: 'SERVICE_TASK', job: { type: '=kind', retries: '5', headers: { k: 'v' } }, boundaryEventIds: ['b'] });
    expect(task.inputs).toEqual([{ source: '=a', target: 'b.c' }]);
    expect(model.elements.get('b')).toMatchObject({ type: 'BOUNDARY_EVENT', eventType: 'TIMER', interrupting: false, timer: { kind: 'cycle', expression: 'R/PT1H' } });
    expect(task.outgoing.map((flow) => flow.targetId)).toEqual(['e']);
  });

  it('lists every problem by element, as Zeebe does', async () => {
    const problems = await reasons(
      definitions(`<bpmn:startEvent id="s"/><bpmn:serviceTask id="noType"/><bpmn:scriptTask id="script"/>
        <bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="noType"/><bpmn:sequenceFlow id="f2" sourceRef="noType" targetRef="g"/>
        <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>=x</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="e2"/>`),
    );
    expect(problems).toEqual([
      "- Element: noType\n    - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element with a 'type'",
      "- Element: script\n    - ERROR: Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element",
      '- Element: f4\n    - ERROR: Must have a condition or be default flow',
    ]);
  });

  it('rejects unparsable XML and a model without an executable process', async () => {
    expect((await reasons('<bpmn:definitions'))[0]).toMatch(/^Failed to parse the BPMN XML/);
    expect(await reasons(definitions('').replace('isExecutable="true"', 'isExecutable="false"'))).toEqual(['- Process\n    - ERROR: Must contain at least one executable process']);
  });

  it('refuses elements with execution listeners rather than running them without', async () => {
    const problems = await reasons(
      definitions(`<bpmn:startEvent id="s"/><bpmn:task id="t"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="audit"/></zeebe:executionListeners></bpmn:extensionElements></bpmn:task>`),
    );
    expect(problems).toEqual(['- Element: t\n    - ERROR: Execution listeners are not supported by this engine yet']);
  });

  it('accepts a timer cycle only on non-interrupting boundary events', async () => {
    const problems = await reasons(
      definitions(`<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="c"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c"/>`),
    );
    expect(problems).toEqual(['- Element: c\n    - ERROR: A timer cycle is only allowed on non-interrupting boundary events and timer start events']);
  });
});

describe('parseBpmn: the rest of Zeebe 8.8', () => {
  it('reads multi-instance, event sub-processes, called decisions, scripts, signals, escalations and links', async () => {
    const { processes } = await parseBpmn(
      definitions(
        `<bpmn:startEvent id="s"/>
        <bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="rate" resultVariable="r" bindingType="deployment"/></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="out" outputElement="=r"/></bpmn:extensionElements>
          <bpmn:completionCondition>=done</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:businessRuleTask>
        <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=1 + 1" resultVariable="two"/></bpmn:extensionElements></bpmn:scriptTask>
        <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:endEvent>
        <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc"/></bpmn:startEvent><bpmn:endEvent id="espEnd"/>
          <bpmn:sequenceFlow id="f0" sourceRef="espStart" targetRef="espEnd"/></bpmn:subProcess>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="rule"/><bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="script"/><bpmn:sequenceFlow id="f3" sourceRef="script" targetRef="jump"/>
        <bpmn:sequenceFlow id="f4" sourceRef="land" targetRef="e"/>`,
        '<bpmn:signal id="sig" name="done"/><bpmn:escalation id="esc" escalationCode="LATE"/>',
      ),
    );
    const model = processes[0];
    expect(model.elements.get('rule')).toMatchObject({
      type: 'BUSINESS_RULE_TASK',
      calledDecision: { decisionId: 'rate', resultVariable: 'r', bindingType: 'deployment' },
      multiInstance: { sequential: true, inputCollection: '=items', inputElement: 'item', outputCollection: 'out', outputElement: '=r', completionCondition: '=done' },
    });
    expect(model.elements.get('script')).toMatchObject({ type: 'SCRIPT_TASK', script: { expression: '=1 + 1', resultVariable: 'two' } });
    expect(model.elements.get('jump')).toMatchObject({ eventType: 'LINK', link: 'L' });
    expect(model.elements.get('e')).toMatchObject({ eventType: 'SIGNAL', signal: { name: 'done' } });
    expect(model.elements.get('esp')).toMatchObject({ type: 'EVENT_SUB_PROCESS', startEventId: 'espStart' });
    expect(model.elements.get('espStart')).toMatchObject({ eventType: 'ESCALATION', interrupting: false, escalation: { escalationCode: 'LATE' } });
    expect(model.elements.get('p')!.eventSubProcessStartIds).toEqual(['espStart']);
  });

  it('refuses what Zeebe refuses and what this engine does not run, naming the element', async () => {
    const problems = await reasons(
      definitions(`<bpmn:startEvent id="s"/><bpmn:startEvent id="s2"/>
        <bpmn:task id="loop"><bpmn:standardLoopCharacteristics/></bpmn:task>
        <bpmn:businessRuleTask id="rule"/>
        <bpmn:callActivity id="pinned"><bpmn:extensionElements><zeebe:calledElement processId="x" bindingType="versionTag" versionTag="v1"/></bpmn:extensionElements></bpmn:callActivity>
        <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="espStart"/></bpmn:subProcess>`),
    );
    expect(problems).toEqual([
      '- Element: loop\n    - ERROR: Standard loops are not supported; model a multi-instance activity',
      "- Element: rule\n    - ERROR: Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element",
      "- Element: pinned\n    - ERROR: The binding type 'versionTag' is not supported by this engine yet; use 'latest' or 'deployment'",
      '- Element: p\n    - ERROR: Multiple none start events are not allowed',
      '- Element: esp\n    - ERROR: Start events in event subprocesses must be one of: message, timer, error, signal or escalation',
    ]);
  });
});
