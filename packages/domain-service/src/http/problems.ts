import {
  ConflictError,
  ForbiddenError,
  type ProblemError,
  problemResponses,
  ValidationError,
} from '@zone-risk/platform';
import { Conflict, Forbidden, InvalidInput, NotAllowed } from '../domain/errors.ts';

/**
 * The problem for a domain error, for the platform's error handler (`buildApp({ mapError })`):
 * InvalidInput → 400 with every field in `errors` (pointers into the body), NotAllowed → 409 with
 * `currentState`, `action` and `allowed`, Conflict → 409 with its facts, Forbidden → 403.
 */
export function domainProblem(error: unknown): ProblemError | undefined {
  if (error instanceof InvalidInput) {
    return new ValidationError(
      error.message,
      error.fields.map((field) => ({ location: 'body', pointer: field.pointer, message: field.reason })),
      { cause: error },
    );
  }
  if (error instanceof NotAllowed || error instanceof Conflict) {
    return new ConflictError(error.message, { ...error.facts }, { cause: error });
  }
  if (error instanceof Forbidden) {
    return new ForbiddenError(error.message, { extensions: { ...error.facts }, cause: error });
  }
  return undefined;
}

/** What each problem of a domain service's routes means, for the OpenAPI document. */
export const DOMAIN_PROBLEMS: Readonly<Record<number, string>> = {
  400: 'Invalid request: `errors` lists every bad field with a JSON pointer',
  403: 'The caller’s role, or a rule about who may act, forbids it',
  404: 'No such resource',
  409: 'Not allowed in the current state: `currentState` and `allowed` say what is',
  412: 'If-Match names an older version: read again (the current ETag is in the response)',
  428: 'If-Match is required: send the ETag of your last GET',
};

/** `problems(400, 404)` for route schemas, with the kit's wording and a service's own on top. */
export function domainProblems(own: Readonly<Record<number, string>> = {}) {
  return problemResponses({ ...DOMAIN_PROBLEMS, ...own });
}
