import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@app/domain';

/** 64-bit ids travel as decimal strings; anything else cannot name a record. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9]\d{0,18}$/.test(value) || BigInt(value) > 9223372036854775807n) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [
        { field: 'id', code: 'INVALID_ID', message: 'An id is a positive 64-bit integer written in decimal' },
      ]);
    }
    return value;
  }
}
