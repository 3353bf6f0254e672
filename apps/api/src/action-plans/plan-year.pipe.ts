import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@app/domain';

/** A plan is named by its year in the path. */
@Injectable()
export class ParsePlanYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value)) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [
        { field: 'year', code: 'INVALID_YEAR', message: 'A plan year has four digits' },
      ]);
    }
    return Number(value);
  }
}
