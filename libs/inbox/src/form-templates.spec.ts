import { describe, expect, it } from '@jest/globals';
import { formVariables, variablesUsedBy, type FormSchema } from './forms.js';

/** form-js text templates: a block helper's expression is read, so the task carries what the block shows. */
describe('variables read by templating blocks', () => {
  const form: FormSchema = {
    id: 'template-test',
    components: [
      { type: 'text', text: '{{#loop incompletenessReasons}}\n- {{message}}\n{{/loop}}' },
      { type: 'text', text: '{{#if pledgeRejection != null}}{{pledgeRejection}}{{/if}}' },
    ],
  };

  it('reads the list of a loop and the condition of an if', () => {
    expect([...variablesUsedBy(form)]).toEqual(expect.arrayContaining(['incompletenessReasons', 'pledgeRejection']));
  });

  it('gives the task the list the loop shows', () => {
    const reasons = [{ field: 'intention', code: 'DUPLICATE', message: 'Duplicitní záměr' }];
    expect(formVariables(form, { incompletenessReasons: reasons, unrelated: 1 })).toEqual({ incompletenessReasons: reasons });
  });
});
