import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/** Whether a text takes at most `max` bytes in UTF-8, the size it has in a file. */
export function fitsUtf8Bytes(value: unknown, max: number): boolean {
  return typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max;
}

/** A string of at most `max` bytes in UTF-8 (MaxLength counts characters); code MAX_UTF8_BYTES. */
export function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      constraints: [max],
      validator: {
        validate: (value) => fitsUtf8Bytes(value, max),
        defaultMessage: buildMessage((each) => `${each}$property must be at most $constraint1 bytes in UTF-8`, options),
      },
    },
    options,
  );
}
