import { Injectable, type PipeTransform } from '@nestjs/common';
import { BadParameterError } from './problems.js';

export const MAX_SLUG_LENGTH = 200;

/**
 * Path slugs reach the database as they are; a NUL byte there is a PostgreSQL
 * error (500), so control characters and absurd lengths are 400 at the door.
 * Anything else that names nothing is a 404 from the service.
 */
@Injectable()
export class SlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    // eslint-disable-next-line no-control-regex
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SLUG_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
      throw new BadParameterError('slug', `must be 1 to ${MAX_SLUG_LENGTH} characters without control characters`);
    }
    return value;
  }
}
