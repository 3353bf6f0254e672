import type { DiagramAnnotations, DiagramOverlay } from '../../components/ProcessDiagram';

interface InstanceView {
  processInstanceKey: string;
  elements: readonly { key: string; elementId: string; elementType: string; state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' }[];
  incidents: readonly { elementId: string }[];
  takenFlows: readonly string[];
}

/**
 * What an instance's diagram shows: where it waits (active), the path it took (completed
 * elements and taken flows) and where it failed (incidents), with counts where an element
 * runs more than once at a time (multi-instance).
 */
export function instanceAnnotations(view: InstanceView): DiagramAnnotations {
  const markers: Record<string, string[]> = {};
  const active = new Map<string, number>();
  const completed = new Set<string>();
  for (const element of view.elements) {
    // The process itself and the multi-instance body share ids with what the diagram draws otherwise.
    if (element.key === view.processInstanceKey || element.elementType === 'MULTI_INSTANCE_BODY') continue;
    if (element.state === 'ACTIVE') active.set(element.elementId, (active.get(element.elementId) ?? 0) + 1);
    if (element.state === 'COMPLETED') completed.add(element.elementId);
  }
  const incidents = new Map<string, number>();
  for (const incident of view.incidents) incidents.set(incident.elementId, (incidents.get(incident.elementId) ?? 0) + 1);

  for (const id of completed) markers[id] = ['state-completed'];
  for (const id of active.keys()) markers[id] = ['state-active'];
  for (const id of incidents.keys()) markers[id] = ['state-incident'];
  for (const id of view.takenFlows) markers[id] = ['state-taken'];

  const overlays: DiagramOverlay[] = [];
  for (const [elementId, count] of active) if (!incidents.has(elementId)) overlays.push({ elementId, text: String(count) });
  for (const [elementId, count] of incidents) overlays.push({ elementId, text: `! ${count}`, className: 'overlay-incident' });
  return { markers, overlays };
}
