import { describe, expect, it } from 'vitest';
import { blankDecision, blankForm, blankProcess, idOf, kindOf } from './model-files';

describe('model files', () => {
  it('knows a file by its extension', () => {
    expect(['a.bpmn', 'b.form', 'c.dmn', 'd.xml'].map(kindOf)).toEqual(['bpmn', 'form', 'dmn', null]);
  });

  it('makes an id of Czech words', () => {
    expect(idOf('Připomínkování SPRSS')).toBe('pripominkovani-sprss');
    expect(idOf('  2026 plán ')).toBe('id-2026-plan');
  });

  it('starts a process, a form and a decision that name their ids', () => {
    const process = new DOMParser().parseFromString(blankProcess('comment-round', 'Připomínky <SP>'), 'application/xml');
    expect(process.querySelector('parsererror')).toBeNull();
    expect(process.documentElement.getElementsByTagName('bpmn:process')[0].getAttribute('id')).toBe('comment-round');
    expect(process.documentElement.getElementsByTagName('bpmn:process')[0].getAttribute('name')).toBe('Připomínky <SP>');
    expect(JSON.parse(blankForm('comment'))).toMatchObject({ id: 'comment', components: [] });
    const decision = new DOMParser().parseFromString(blankDecision('rates', 'Sazby'), 'application/xml');
    expect(decision.querySelector('parsererror')).toBeNull();
    expect(decision.getElementsByTagName('decision')[0].getAttribute('id')).toBe('rates');
  });
});
