import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { useEditedContent } from './useEditedContent';

/*
 * The Zeebe behaviours make every new user task a Camunda user task (`zeebe:userTask`). The
 * product's inbox is fed by job-based user tasks, which the engine runs (Camunda user tasks are
 * refused at deploy), so new user tasks stay job-based.
 */
const JobBasedUserTasks = { createZeebeUserTaskBehavior: ['value', {}] };

export interface ElementProblem {
  elementId: string;
  severity: 'error' | 'warn';
}

export interface BpmnEditorHandle {
  /** Selects an element and scrolls it into view (from the problem list). */
  focusElement(elementId: string): void;
}

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  scrollToElement(element: unknown): void;
}
interface Registry {
  get(id: string): unknown;
}
interface Overlays {
  add(id: string, type: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): void;
  remove(filter: { type: string }): void;
}

/**
 * The BPMN modeler with the Zeebe properties panel (task types, headers, IO mappings,
 * assignments, forms, timers, messages, errors, called processes). Every change reports
 * the whole XML; the problems given are marked on their elements.
 */
export default function BpmnEditor({
  xml,
  onChange,
  problems,
  ref,
}: {
  xml: string;
  onChange: (xml: string) => void;
  problems: readonly ElementProblem[];
  ref?: Ref<BpmnEditorHandle>;
}) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const marked = useRef<ElementProblem[]>([]);
  const shown = useRef(problems);
  shown.current = problems;
  /** Marks the problems on their elements (again after every import, which redraws them). */
  const markProblems = useRef((instance: Modeler) => {
    const list = shown.current;
    const canvas = instance.get<Canvas>('canvas');
    const registry = instance.get<Registry>('elementRegistry');
    const overlays = instance.get<Overlays>('overlays');
    for (const problem of marked.current) if (registry.get(problem.elementId)) canvas.removeMarker(problem.elementId, `lint-${problem.severity}`);
    overlays.remove({ type: 'lint' });
    const counts = new Map<string, { severity: 'error' | 'warn'; count: number }>();
    for (const problem of list) {
      if (!problem.elementId || !registry.get(problem.elementId)) continue;
      canvas.addMarker(problem.elementId, `lint-${problem.severity}`);
      const entry = counts.get(problem.elementId) ?? { severity: problem.severity, count: 0 };
      entry.count += 1;
      if (problem.severity === 'error') entry.severity = 'error';
      counts.set(problem.elementId, entry);
    }
    for (const [elementId, { severity, count }] of counts) {
      const html = document.createElement('span');
      html.className = `diagram-overlay overlay-lint-${severity}`;
      html.textContent = String(count);
      html.dataset.problemsOf = elementId;
      overlays.add(elementId, 'lint', { position: { top: -10, left: -10 }, html });
    }
    marked.current = [...list];
  });

  const modeler = useEditedContent(
    xml,
    onChange,
    (report) => {
      const instance = new Modeler({
        container: canvasRef.current!,
        propertiesPanel: { parent: panelRef.current! },
        additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule, JobBasedUserTasks],
        moddleExtensions: { zeebe },
      });
      instance.on('commandStack.changed', () => {
        void instance.saveXML({ format: true }).then(({ xml: saved }) => saved !== undefined && report(saved));
      });
      return instance;
    },
    (instance, content) =>
      instance.importXML(content).then(() => {
        marked.current = [];
        instance.get<Canvas>('canvas').zoom('fit-viewport');
        markProblems.current(instance);
      }),
  );

  useEffect(() => {
    if (modeler.current) markProblems.current(modeler.current);
  }, [problems]);

  useImperativeHandle(ref, () => ({
    focusElement(elementId: string) {
      const instance = modeler.current;
      const element = instance?.get<Registry>('elementRegistry').get(elementId);
      if (!instance || !element) return;
      instance.get<{ select(element: unknown): void }>('selection').select(element);
      instance.get<Canvas>('canvas').scrollToElement(element);
    },
  }));

  return (
    <div className="bpmn-editor" data-testid="bpmn-editor">
      <div ref={canvasRef} className="bpmn-editor__canvas" />
      <div ref={panelRef} className="bpmn-editor__panel" />
    </div>
  );
}
