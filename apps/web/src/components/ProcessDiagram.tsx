import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';

export interface DiagramOverlay {
  elementId: string;
  text: string;
  className?: string;
}

export interface DiagramAnnotations {
  /** CSS classes per element id (active, completed, taken, incident, heat-3, added, ...). */
  markers?: Record<string, readonly string[]>;
  /** Short texts pinned to an element's top right (counts, durations). */
  overlays?: readonly DiagramOverlay[];
}

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
}
interface Overlays {
  add(id: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): void;
}
interface EventBus {
  on(event: string, callback: (event: { element: { id: string; type: string } }) => void): void;
}

/**
 * A read-only process diagram (bpmn-js viewer) with steps, states, paths, figures or changes
 * drawn on its elements; loaded only on pages that show a diagram. The caption says in words
 * what the colours show, so the picture is not the only carrier.
 */
export default function ProcessDiagram({
  xml,
  annotations,
  label,
  onSelect,
  testId,
}: {
  xml: string;
  annotations: DiagramAnnotations;
  label: string;
  onSelect?: (elementId: string) => void;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: container.current! });
    let alive = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!alive) return;
        const canvas = viewer.get<Canvas>('canvas');
        const overlays = viewer.get<Overlays>('overlays');
        canvas.zoom('fit-viewport');
        for (const [id, classes] of Object.entries(annotations.markers ?? {})) {
          for (const marker of classes) {
            try {
              canvas.addMarker(id, marker);
            } catch {
              // an element this version's diagram does not have
            }
          }
        }
        for (const overlay of annotations.overlays ?? []) {
          const html = document.createElement('span');
          html.className = `diagram-overlay ${overlay.className ?? ''}`;
          html.textContent = overlay.text;
          try {
            overlays.add(overlay.elementId, { position: { top: -12, right: 12 }, html });
          } catch {
            // as above
          }
        }
        viewer.get<EventBus>('eventBus').on('element.click', ({ element }) => {
          if (element.type !== 'bpmn:Process' && element.type !== 'bpmn:Collaboration') select.current?.(element.id);
        });
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [xml, annotations]);

  return (
    <figure className="process-diagram" data-testid={testId}>
      <div ref={container} className="process-diagram__canvas" />
      <figcaption>{failed ? '—' : label}</figcaption>
    </figure>
  );
}
