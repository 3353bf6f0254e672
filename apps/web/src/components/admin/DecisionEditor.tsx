import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { useRef } from 'react';
import { useEditedContent } from './useEditedContent';

/**
 * The DMN editor (dmn-js): opens on the first decision table, so that an administrator
 * changes rules and values in the table itself. Every change reports the whole XML.
 */
export default function DecisionEditor({ xml, onChange }: { xml: string; onChange: (xml: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  useEditedContent(
    xml,
    onChange,
    (report) => {
      const instance = new DmnModeler({ container: container.current!, common: { keyboard: { bindTo: container.current! } } });
      // Each view (the requirements diagram, a table) has its own viewer and command stack; a change in any of them counts.
      const followed = new WeakSet<object>();
      instance.on('views.changed', () => {
        const viewer = instance.getActiveViewer();
        if (!viewer || followed.has(viewer)) return;
        followed.add(viewer);
        viewer.get<{ on(event: string, callback: () => void): void }>('eventBus').on('elements.changed', () => {
          void instance.saveXML({ format: true }).then(({ xml: saved }) => report(saved));
        });
      });
      return instance;
    },
    (instance, content) =>
      instance.importXML(content).then(() => {
        const table = instance.getViews().find((view) => view.type === 'decisionTable');
        if (table) return instance.open(table);
      }),
  );

  return <div ref={container} className="decision-editor" data-testid="decision-editor" />;
}
