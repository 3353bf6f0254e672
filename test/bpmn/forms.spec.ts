import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formKeysOf } from '@app/modeling';

const BPMN_DIR = join(process.cwd(), 'bpmn');
const FORMS_DIR = join(BPMN_DIR, 'forms');

interface Component {
  type: string;
  id: string;
  key?: string;
  label?: string;
  dateLabel?: string;
  validate?: Record<string, unknown>;
  values?: { label: string; value: string }[];
  valuesKey?: string;
  conditional?: { hide?: string };
}

interface FormSchema {
  id: string;
  type: string;
  executionPlatform: string;
  executionPlatformVersion: string;
  schemaVersion: number;
  components: Component[];
}

const INPUT_TYPES = ['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist', 'datetime'];
/** The validations the task inbox enforces on the server (issue 6); anything else would be client-only. */
const SERVER_VALIDATIONS = ['required', 'min', 'max', 'minLength', 'maxLength', 'pattern'];

const formFiles = readdirSync(FORMS_DIR).filter((file) => file.endsWith('.form')).sort();
const forms = formFiles.map((file) => [file, JSON.parse(readFileSync(join(FORMS_DIR, file), 'utf8')) as FormSchema] as const);

describe('forms in bpmn/forms/', () => {
  it('are exactly the forms the process models link to', async () => {
    const linked = new Set<string>();
    for (const file of readdirSync(BPMN_DIR).filter((name) => name.endsWith('.bpmn'))) {
      for (const key of await formKeysOf(readFileSync(join(BPMN_DIR, file), 'utf8'))) linked.add(key);
    }
    expect(forms.map(([, form]) => form.id).sort()).toEqual([...linked].sort());
  });

  describe.each(forms)('%s', (file, form) => {
    const inputs = form.components.filter((component) => INPUT_TYPES.includes(component.type));

    it('is a Camunda 8.8 form whose id is its file name', () => {
      expect(form).toMatchObject({
        id: file.replace(/\.form$/, ''),
        type: 'default',
        executionPlatform: 'Camunda Cloud',
        executionPlatformVersion: '8.8.0',
      });
      expect(form.schemaVersion).toBeGreaterThanOrEqual(16);
    });

    it('has unique component ids and keys', () => {
      const ids = form.components.map((component) => component.id);
      expect(new Set(ids).size).toBe(ids.length);
      const keys = inputs.map((component) => component.key);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('labels every input in Czech and binds it to a variable', () => {
      for (const input of inputs) {
        expect(input.key).toMatch(/^[a-z][A-Za-z]*$/);
        expect(input.label ?? input.dateLabel).toMatch(/\S/);
      }
    });

    it('validates only with what the server enforces, with patterns that compile', () => {
      for (const input of inputs) {
        for (const rule of Object.keys(input.validate ?? {})) expect(SERVER_VALIDATIONS).toContain(rule);
        const pattern = input.validate?.pattern;
        if (pattern !== undefined) expect(() => new RegExp(String(pattern))).not.toThrow();
      }
    });

    it('offers choices either listed or loaded from a variable', () => {
      for (const input of inputs.filter((component) => ['select', 'radio', 'checklist'].includes(component.type))) {
        expect((input.values?.length ?? 0) > 0 || !!input.valuesKey).toBe(true);
      }
    });

    it('hides conditionally only by FEEL expressions', () => {
      for (const component of form.components) {
        if (component.conditional?.hide !== undefined) expect(component.conditional.hide).toMatch(/^=/);
      }
    });
  });

  it('accepts resolution numbers in the region\'s format and nothing else', () => {
    const pattern = (formId: string, key: string) => {
      const form = forms.find(([, candidate]) => candidate.id === formId)?.[1];
      return new RegExp(String(form?.components.find((component) => component.key === key)?.validate?.pattern));
    };
    const council = pattern('council-resolution', 'councilResolutionNumber');
    expect(council.test('1234/26/R45')).toBe(true);
    expect(council.test('1234/26/Z45')).toBe(false);
    expect(council.test('R1234/26')).toBe(false);
    for (const [formId, key] of [['assembly-resolution', 'assemblyResolutionNumber'], ['action-plan-approval', 'planResolutionNumber']]) {
      const assembly = pattern(formId, key);
      expect(assembly.test('567/26/Z12')).toBe(true);
      expect(assembly.test('567/26/R12')).toBe(false);
      expect(assembly.test('567/2026/Z12')).toBe(false);
    }
  });
});
