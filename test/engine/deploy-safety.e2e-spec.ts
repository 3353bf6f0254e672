import { describe, expect, it } from '@jest/globals';
import { bpmn, chain, end, flow, io, serviceTask, start, useEngineUnderTest, type EngineUnderTest } from './support.js';

/**
 * Deploy-time safety: every BPMN resource is checked by bpmnlint's Camunda 8.8 rules and by the
 * engine's parser; a problem rejects the whole deployment with INVALID_ARGUMENT naming the
 * element and the reason, and nothing of it is deployed.
 */
let subject: EngineUnderTest;
useEngineUnderTest((started) => ({ subject } = started));

async function rejection(resources: Parameters<EngineUnderTest['sdk']['deployResources']>[0]): Promise<{ code: number; details: string }> {
  try {
    await subject.sdk.deployResources(resources);
  } catch (error) {
    const { code, details, message } = error as { code: number; details?: string; message: string };
    return { code, details: details ?? message };
  }
  throw new Error('Expected the deployment to be rejected');
}

const INVALID_ARGUMENT = 3;

describe('what Zeebe 8.8 would not execute', () => {
  it('an element type Zeebe does not run (complex gateway) is named by bpmnlint and by the parser', async () => {
    const model = bpmn('complex', `${start()}<bpmn:complexGateway id="decide"/>${end()}${chain('start', 'decide', 'end')}`);
    const { code, details } = await rejection([{ process: model, name: 'complex.bpmn' }]);
    expect(code).toBe(INVALID_ARGUMENT);
    expect(details).toContain("Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n'complex.bpmn':");
    expect(details).toContain('- Element: decide');
    expect(details).toContain("Elements of type 'ComplexGateway' are not supported by this engine yet");
    expect(details).toContain('Element of type <bpmn:ComplexGateway> not allowed (bpmnlint camunda-compat/element-type)');
  });

  it('an expression that is not valid FEEL is refused before any instance could fail on it', async () => {
    const model = bpmn('badFeel', `${start()}<bpmn:exclusiveGateway id="route" default="other"/>${end('a')}${end('b')}${flow('start', 'route')}${flow('route', 'a', '=amount >')}${flow('route', 'b', undefined, 'other')}`);
    const { details } = await rejection([{ process: model, name: 'badFeel.bpmn' }]);
    expect(details).toMatch(/- Element: route_a\n\s+- ERROR: .*\(bpmnlint camunda-compat\/feel\)/);
  });

  it('an attribute Zeebe 8.8 does not allow there (a timer cycle on an intermediate catch event) is refused', async () => {
    const model = bpmn('badTimer', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`);
    const { details } = await rejection([{ process: model, name: 'badTimer.bpmn' }]);
    expect(details).toContain('- Element: wait');
    expect(details).toContain('A timer cycle is only allowed on non-interrupting boundary events and timer start events');
    expect(details).toContain('Property <timeCycle> not allowed (bpmnlint camunda-compat/timer)');
  });
});

describe('what Zeebe runs but this engine does not', () => {
  it('compensation, ad-hoc sub-processes, Camunda user tasks and execution listeners are refused with the reason', async () => {
    const model = bpmn(
      'unsupported',
      `${start()}${serviceTask('book', 'book')}<bpmn:boundaryEvent id="undo" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
       <bpmn:userTask id="approve"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
       <bpmn:task id="audited"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit"/></zeebe:executionListeners></bpmn:extensionElements></bpmn:task>
       <bpmn:adHocSubProcess id="adHoc"><bpmn:task id="anything"/></bpmn:adHocSubProcess>
       ${end()}${chain('start', 'book', 'approve', 'audited', 'end')}`,
    );
    const { details } = await rejection([{ process: model, name: 'unsupported.bpmn' }]);
    expect(details).toContain("- Element: undo\n    - ERROR: Elements of type 'compensate boundary event' are not supported by this engine yet");
    expect(details).toContain('- Element: approve\n    - ERROR: Camunda user tasks (zeebe:userTask) are not supported; model a job worker-based user task');
    expect(details).toContain('- Element: audited\n    - ERROR: Execution listeners are not supported by this engine yet');
    expect(details).toContain("- Element: adHoc\n    - ERROR: Elements of type 'ad-hoc sub-process' are not supported by this engine yet");
  });
});

describe('nothing half-deployed', () => {
  it('one invalid resource rejects the valid processes, decisions and forms deployed with it', async () => {
    const valid = bpmn('wholeOrNothing', `${start()}${serviceTask('work', 'whole')}${end()}${chain('start', 'work', 'end')}`);
    const invalid = bpmn('broken', `${start()}<bpmn:serviceTask id="noType"/>${end()}${chain('start', 'noType', 'end')}`);
    const form = Buffer.from(JSON.stringify({ id: 'wholeOrNothingForm', type: 'default', components: [] }));
    const { details } = await rejection([
      { process: valid, name: 'wholeOrNothing.bpmn' },
      { process: invalid, name: 'broken.bpmn' },
      { form, name: 'wholeOrNothing.form' },
    ] as never);
    expect(details).toContain("'broken.bpmn':");
    expect(details).not.toContain("'wholeOrNothing.bpmn':");
    await expect(subject.sdk.createProcessInstance({ bpmnProcessId: 'wholeOrNothing', variables: {} })).rejects.toThrow(/NOT_FOUND/);
    const formDeployed = await subject.sdk.deployResource({ form, name: 'wholeOrNothing.form' } as never);
    expect((formDeployed.deployments[0] as unknown as { form: { version: number } }).form.version).toBe(1);
  });
});

describe('what does not reject', () => {
  it("bpmnlint's warnings (a secret in a mapping) and its style recommendations (no labels, no diagram) deploy", async () => {
    const model = bpmn('warnedOnly', `${start()}${serviceTask('call', 'call-api', io({ token: '{{secrets.API_TOKEN}}' }))}${end()}${chain('start', 'call', 'end')}`);
    const deployed = await subject.sdk.deployResource({ process: model, name: 'warnedOnly.bpmn' });
    expect(deployed.deployments[0]).toMatchObject({ process: { bpmnProcessId: 'warnedOnly', version: 1 } });
  });
});
