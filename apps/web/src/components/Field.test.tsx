import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from './Field';

afterEach(cleanup);

describe('TextField', () => {
  it('is named by its label alone and ties its error to the control', () => {
    render(<TextField id="requestedSubsidy" label="Požadovaná dotace (Kč)" required error="Požadovaná dotace nesmí převýšit roční náklady." defaultValue="2000000" />);
    const input = screen.getByRole('textbox', { name: 'Požadovaná dotace (Kč)' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toEqual(['Požadovaná dotace nesmí převýšit roční náklady.']);
  });

  it('says nothing is wrong when nothing is', () => {
    render(<TextField id="login" label="Přihlašovací jméno" />);
    const input = screen.getByRole('textbox', { name: 'Přihlašovací jméno' });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBeNull();
  });
});
