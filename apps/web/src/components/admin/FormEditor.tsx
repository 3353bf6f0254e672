import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { FormEditor as Editor } from '@bpmn-io/form-js-editor';
import { useEffect, useRef } from 'react';

/**
 * The form-js editor for one form of a deployment (a user task's or a start event's form):
 * components dragged from the palette, each with its key, label and validation in the
 * properties panel. Every change reports the whole schema as JSON.
 */
export default function FormEditor({ schema, onChange }: { schema: string; onChange: (schema: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const current = useRef<string | null>(null);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    const instance = new Editor({ container: container.current! });
    editor.current = instance;
    instance.on('changed', () => {
      const saved = JSON.stringify(instance.saveSchema(), null, 2);
      if (saved === current.current) return;
      current.current = saved;
      change.current(saved);
    });
    return () => {
      editor.current = null;
      current.current = null;
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance || schema === current.current) return;
    current.current = schema;
    let parsed: unknown;
    try {
      parsed = JSON.parse(schema);
    } catch {
      return;
    }
    void instance.importSchema(parsed);
  }, [schema]);

  return <div ref={container} className="form-editor" data-testid="form-editor" />;
}
