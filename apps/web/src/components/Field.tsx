import { GovFormCheckbox, GovFormControl, GovFormInput, GovFormLabel, GovFormMessage, GovFormSelect, GovFormTextarea } from '@gov-design-system-ce/react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

/** Label, control and its error: the error is tied to the control, so it is announced with it. */
function Frame({ id, label, error, hint, required, children }: FieldFrame & { children: ReactNode }) {
  return (
    // A required field's star is drawn by CSS for the eye; the control says aria-required, so its name stays the label's words.
    <GovFormControl invalid={Boolean(error)} className={required ? 'field field--required' : 'field'}>
      <GovFormLabel identifier={id}>
        {label}
      </GovFormLabel>
      {children}
      {hint ? (
        <GovFormMessage>
          <span id={`${id}-hint`}>{hint}</span>
        </GovFormMessage>
      ) : null}
      {error ? (
        <GovFormMessage color="error">
          <span id={`${id}-error`}>{error}</span>
        </GovFormMessage>
      ) : null}
    </GovFormControl>
  );
}

function describedBy({ id, error, hint }: FieldFrame): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function TextField(props: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'size'>) {
  const { id, label, error, hint, required, ...input } = props;
  return (
    <Frame {...props}>
      <GovFormInput
        {...input}
        identifier={id}
        size="m"
        name={input.name ?? id}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(props)}
        accessibleShowPasswordLabel="Zobrazit heslo"
        accessibleHidePasswordLabel="Skrýt heslo"
      />
    </Frame>
  );
}

export function TextAreaField(props: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { id, label, error, hint, required, ...textarea } = props;
  return (
    <Frame {...props}>
      <GovFormTextarea
        {...textarea}
        identifier={id}
        id={id}
        size="m"
        name={textarea.name ?? id}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

export function SelectField(props: FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'size'> & { children: ReactNode }) {
  const { id, label, error, hint, required, children, ...select } = props;
  return (
    <Frame {...props}>
      <GovFormSelect
        {...select}
        identifier={id}
        id={id}
        size="m"
        name={select.name ?? id}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(props)}
      >
        {children}
      </GovFormSelect>
    </Frame>
  );
}

/** A checkbox with its label (the design system ties them by the label's identifier). */
export function Checkbox({ id, label, ...input }: { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'size' | 'type'>) {
  return (
    <GovFormCheckbox size="m" identifier={id} {...input}>
      <GovFormLabel size="m">{label}</GovFormLabel>
    </GovFormCheckbox>
  );
}
