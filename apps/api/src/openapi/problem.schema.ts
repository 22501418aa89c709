import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import type { ProblemDetails } from '../common/problems.js';

/** RFC 9457 problem details as documented in the OpenAPI document (see common/problems.ts). */
export class ProblemDetailsDto implements ProblemDetails {
  [extension: string]: unknown;

  @ApiProperty({ description: 'URI naming the kind of problem', example: 'https://kubenotes.dev/problems/bad-parameter' })
  type: string;

  @ApiProperty({ description: 'Short summary: the HTTP reason phrase', example: 'Bad Request' })
  title: string;

  @ApiProperty({ description: 'The HTTP status code', example: 400 })
  status: number;

  @ApiProperty({ description: 'What went wrong, for a human', example: "Parameter 'depth' must be 1 to 3" })
  detail: string;

  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/entities/clusterip/neighbors?depth=9' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The parameter at fault (400 answers)', example: 'depth' })
  param?: string;

  @ApiPropertyOptional({ description: 'Every validation message (400 answers from body or query validation)', type: [String] })
  errors?: string[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter or the body is invalid; `detail` names it',
  401: 'The x-api-key header is missing',
  403: 'Writes are disabled (no ADMIN_API_KEY on the server) or the x-api-key does not match',
  404: 'No such slug; `detail` names it',
  413: 'The request body is larger than the limit',
  415: 'The body is not application/json',
  429: 'Too many requests from this client; see retry-after',
  500: 'The server failed; the failure is logged',
  503: 'The database is unreachable or the data is still loading; retry',
};

/** One response per status whose body is application/problem+json. */
export function problemResponse(status: number, description = DESCRIPTIONS[status] ?? 'Problem'): ApiResponseOptions {
  return {
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  };
}

/** Documents the problem answers an operation can give besides the global ones (429, 500, 503). */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDetailsDto), ...statuses.map((status) => ApiResponse(problemResponse(status))));
}
