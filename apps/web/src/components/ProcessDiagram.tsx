import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';

/**
 * The process diagram (bpmn-js viewer) with one step highlighted. Loaded only on pages
 * that show a diagram.
 */
export default function ProcessDiagram({ xml, highlight, label }: { xml: string; highlight?: string; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: container.current! });
    let alive = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!alive) return;
        const canvas = viewer.get<{ zoom(level: string): void; addMarker(id: string, marker: string): void }>('canvas');
        canvas.zoom('fit-viewport');
        if (highlight) {
          try {
            canvas.addMarker(highlight, 'current-step');
          } catch {
            // an element the diagram does not have: nothing to mark
          }
        }
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [xml, highlight]);

  return (
    <figure className="process-diagram">
      <div ref={container} className="process-diagram__canvas" />
      <figcaption>{failed ? '—' : label}</figcaption>
    </figure>
  );
}
