import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { ErrorNotice } from './ErrorNotice';
import { describeError, violationsByField } from './errors';

afterEach(cleanup);

describe('errors said in Czech', () => {
  it('gives the error id of a server error', () => {
    render(<ErrorNotice error={new ApiError(500, { error: { code: 'INTERNAL_ERROR', message: 'Unexpected error', errorId: 'abc-123' } })} />);
    expect(screen.getByRole('alert').textContent).toContain('Uveďte prosím kód chyby abc-123.');
  });

  it('names an outage, a known refusal and an unknown one', () => {
    expect(describeError(ApiError.unreachable())).toBe('Server neodpovídá. Zkontrolujte připojení a zkuste to znovu.');
    expect(describeError(new ApiError(409, { error: { code: 'TASK_ALREADY_ASSIGNED', message: 'Task 5 is assigned' } }))).toBe('Úkol již převzal někdo jiný.');
    expect(describeError(new ApiError(409, { error: { code: 'SOMETHING_NEW', message: 'x' } }))).toBe('Akci nelze provést v současném stavu.');
    expect(describeError(new Error('boom'))).toBe('Něco se nepovedlo');
  });

  it('puts each refused field’s Czech text on the field, the server’s words for codes it does not know', () => {
    const error = new ApiError(422, {
      error: {
        code: 'RULE_VIOLATED',
        message: 'The intention breaks the rules',
        fields: [
          { field: 'requestedSubsidy', code: 'SUBSIDY_EXCEEDS_COSTS', message: 'The subsidy exceeds the costs' },
          { field: 'orpId', code: 'A_NEW_RULE', message: 'Nové pravidlo' },
        ],
      },
    });
    expect(violationsByField(error)).toEqual({ requestedSubsidy: 'Požadovaná dotace nesmí převýšit roční náklady.', orpId: 'Nové pravidlo' });
  });
});
