import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { FormEditor as Editor } from '@bpmn-io/form-js-editor';
import { useRef } from 'react';
import { useEditedContent } from './useEditedContent';

/**
 * The form-js editor for one form of a deployment (a user task's or a start event's form):
 * components dragged from the palette, each with its key, label and validation in the
 * properties panel. Every change reports the whole schema as JSON.
 */
export default function FormEditor({ schema, onChange }: { schema: string; onChange: (schema: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  useEditedContent(
    schema,
    onChange,
    (report) => {
      const instance = new Editor({ container: container.current! });
      instance.on('changed', () => report(JSON.stringify(instance.saveSchema(), null, 2)));
      return instance;
    },
    (instance, content) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        return;
      }
      return instance.importSchema(parsed);
    },
  );

  return <div ref={container} className="form-editor" data-testid="form-editor" />;
}
