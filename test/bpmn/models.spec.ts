import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { WORKER_JOB_TYPES } from '@app/deployment';
import { inspectBpmn, lintBpmn } from '@app/modeling';

const BPMN_DIR = join(process.cwd(), 'bpmn');
const FORMS_DIR = join(BPMN_DIR, 'forms');

const MODELS = ['intention-submission', 'orp-need-declaration', 'district-review', 'council-approval', 'action-plan'];

const read = (file: string) => readFileSync(join(BPMN_DIR, file), 'utf8');
const bpmnFiles = readdirSync(BPMN_DIR).filter((file) => file.endsWith('.bpmn')).sort();
const formIds = new Set(
  readdirSync(FORMS_DIR)
    .filter((file) => file.endsWith('.form'))
    .map((file) => (JSON.parse(readFileSync(join(FORMS_DIR, file), 'utf8')) as { id: string }).id),
);

/** Pulls every `<tag ...>` opening element's attributes out of the XML, in document order. */
function elements(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of match[1].matchAll(/([\w:]+)="([^"]*)"/g)) attributes[name] = value;
    found.push(attributes);
  }
  return found;
}

const FLOW_NODE_TAGS = [
  'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent',
  'serviceTask', 'userTask', 'sendTask', 'receiveTask', 'businessRuleTask', 'scriptTask', 'callActivity',
  'subProcess', 'exclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'inclusiveGateway',
].map((tag) => `bpmn:${tag}`);

describe('process models in bpmn/', () => {
  it('are the five processes of the planning cycle, one per file', () => {
    expect(bpmnFiles).toEqual(MODELS.map((name) => `${name}.bpmn`).sort());
  });

  describe.each(bpmnFiles)('%s', (file) => {
    const xml = read(file);

    it('passes lintBpmn without errors or warnings', async () => {
      await expect(lintBpmn(xml)).resolves.toEqual([]);
    });

    it('targets Camunda 8.8 and holds exactly the process named like the file', async () => {
      expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
      expect(xml).toContain('modeler:executionPlatformVersion="8.8.0"');
      const { processIds } = await inspectBpmn(xml);
      expect(processIds).toEqual([file.replace(/\.bpmn$/, '')]);
    });

    it('names every flow node and every sequence flow', () => {
      const unnamed = [...FLOW_NODE_TAGS, 'bpmn:sequenceFlow']
        .flatMap((tag) => elements(xml, tag))
        .filter((element) => !element.name?.trim())
        .map((element) => element.id);
      expect(unnamed).toEqual([]);
    });

    it('draws every flow node as a shape and every sequence flow as an edge', () => {
      const drawn = new Set([
        ...elements(xml, 'bpmndi:BPMNShape').map((shape) => shape.bpmnElement),
        ...elements(xml, 'bpmndi:BPMNEdge').map((edge) => edge.bpmnElement),
      ]);
      const undrawn = [...FLOW_NODE_TAGS, 'bpmn:sequenceFlow']
        .flatMap((tag) => elements(xml, tag))
        .map((element) => element.id)
        .filter((id) => !drawn.has(id));
      expect(undrawn).toEqual([]);
    });

    it('links its user tasks to forms that exist in bpmn/forms', async () => {
      const { userTasks } = await inspectBpmn(xml);
      for (const userTask of userTasks) {
        expect({ task: userTask.elementId, formId: userTask.formId }).toEqual({
          task: userTask.elementId,
          formId: expect.stringMatching(/./),
        });
        expect(formIds).toContain(userTask.formId);
      }
    });

    it('gives every user task candidate groups or an assignee, and a due date, as FEEL', async () => {
      const { userTasks } = await inspectBpmn(xml);
      for (const userTask of userTasks) {
        expect(userTask.candidateGroups ?? userTask.assignee).toMatch(/^=/);
        expect(userTask.dueDate).toMatch(/^=/);
      }
    });

    it('names job types <capability>.<action>', async () => {
      const { jobTypes } = await inspectBpmn(xml);
      for (const { type } of jobTypes) expect(type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
    });

    it('calls processes without propagating all child variables', () => {
      for (const called of elements(xml, 'zeebe:calledElement')) {
        expect(called.propagateAllChildVariables).toBe('false');
      }
    });
  });

  it('documents in docs/PROCESSES.md every process, job type, message, BPMN error, form and candidate group', async () => {
    const docs = readFileSync(join(process.cwd(), 'docs', 'PROCESSES.md'), 'utf8');
    const undocumented: string[] = [];
    const expectDocumented = (name: string) => {
      if (!docs.includes(`\`${name}\``)) undocumented.push(name);
    };
    for (const file of bpmnFiles) {
      const xml = read(file);
      const inventory = await inspectBpmn(xml);
      inventory.processIds.forEach(expectDocumented);
      inventory.jobTypes.forEach(({ type }) => expectDocumented(type));
      inventory.messages.forEach(({ name }) => expectDocumented(name));
      inventory.userTasks.forEach(({ formId }) => formId && expectDocumented(formId));
      inventory.calledDecisions.forEach(({ decisionId }) => expectDocumented(decisionId));
      elements(xml, 'bpmn:error').forEach(({ errorCode }) => expectDocumented(errorCode));
      for (const { candidateGroups } of inventory.userTasks) {
        for (const [, group] of (candidateGroups ?? '').matchAll(/"([a-z:-]+?):?"/g)) {
          if (!docs.includes(group)) undocumented.push(group);
        }
      }
    }
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it('documents in docs/PROCESSES.md every job type a worker serves, for the models administrators write', () => {
    const docs = readFileSync(join(process.cwd(), 'docs', 'PROCESSES.md'), 'utf8');
    expect(WORKER_JOB_TYPES.filter((type) => !docs.includes(`\`${type}\``))).toEqual([]);
  });

  it('call only processes that exist in bpmn/', async () => {
    for (const file of bpmnFiles) {
      const { calledElements } = await inspectBpmn(read(file));
      for (const { processId } of calledElements) expect(MODELS).toContain(processId);
    }
  });
});
