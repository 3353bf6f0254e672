import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { useEffect, useRef } from 'react';
import { czechFormMessage } from './form-messages';

type Schema = { components?: SchemaComponent[] };
type SchemaComponent = { id?: string; key?: string; components?: SchemaComponent[] };

export interface TaskFormHandle {
  /** Runs the form's own validation; the data when it passes, null when a field shows an error. */
  submit(): Record<string, unknown> | null;
  /** Shows the server's refusals on their fields (keyed by the form field's key). */
  showErrors(errors: Record<string, string>): void;
}

interface TaskFormProps {
  schema: Record<string, unknown>;
  data: Record<string, unknown>;
  readOnly: boolean;
  onReady(handle: TaskFormHandle): void;
}

/**
 * The task's own deployed form (form-js), with the task's variables as its initial data.
 * Loaded only on the task page, so the inbox does not carry form-js.
 */
export default function TaskForm({ schema, data, readOnly, onReady }: TaskFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);

  useEffect(() => {
    // No debouncing of typed values: what is on the screen is what Dokončit submits, however fast it is pressed.
    // (`debounce` is read from the form's config like its other options; its type does not list it.)
    const instance = new Form({ container: container.current!, debounce: false } as ConstructorParameters<typeof Form>[0]);
    form.current = instance;
    // form-js validates in English and has no catalogue: its validator's answers are put into Czech.
    const validator = instance.get<{ validateFieldInstance(...args: unknown[]): string[] }>('validator');
    const validate = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (...args) => validate(...args).map(czechFormMessage);
    let alive = true;
    void instance.importSchema(schema, data).then(() => {
      if (!alive) return;
      instance.setProperty('readOnly', readOnly);
      onReady({
        submit: () => {
          const { data: submitted, errors } = instance.submit();
          return Object.keys(errors).length === 0 ? submitted : null;
        },
        showErrors: (errors) => {
          const byId: Record<string, string[]> = {};
          for (const [key, message] of Object.entries(errors)) {
            const id = fieldIdOf(schema as Schema, key);
            if (id) byId[id] = [message];
          }
          // form-js keeps field errors in its state by field id; there is no public setter for outside errors.
          (instance as unknown as { _setState(state: object): void })._setState({ errors: byId });
        },
      });
    });
    return () => {
      alive = false;
      instance.destroy();
    };
    // The form is built once per schema; data and readOnly changes go through setProperty below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema]);

  useEffect(() => {
    form.current?.setProperty('readOnly', readOnly);
  }, [readOnly]);

  return <div ref={container} className="task-form" />;
}

function fieldIdOf(schema: Schema, key: string): string | undefined {
  for (const component of schema.components ?? []) {
    if (component.key === key) return component.id;
    const nested = fieldIdOf(component, key);
    if (nested) return nested;
  }
  return undefined;
}
