import { Matches } from 'class-validator';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

/**
 * Text that reaches SQL must not hold control characters: PostgreSQL refuses
 * a NUL byte in text (a 500 if it got that far), and no slug or name has any.
 */
export function NoControlChars(): PropertyDecorator {
  return Matches(NO_CONTROL_CHARS, { message: ({ property }) => `${property} must not contain control characters` });
}
