import { describe, expect, it } from 'vitest';
import { filterParams } from './filter-params';

describe('filterParams', () => {
  it('puts the filled fields under their parameter names and leaves blank ones out', () => {
    const form = new FormData();
    form.set('process', ' intention-submission ');
    form.set('state', '');
    expect(filterParams(form, [['process', 'proces'], ['state', 'stav'], ['intention', 'zamer']]).toString()).toBe('proces=intention-submission');
  });
});
