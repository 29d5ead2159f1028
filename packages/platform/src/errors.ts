/** One bad field of a request, as listed in a 400 problem's `errors`. */
export interface FieldError {
  /** Which part of the request: body, querystring, params or headers. */
  location?: string;
  /** JSON Pointer (RFC 6901) to the field inside that part; '' is the whole part. */
  pointer: string;
  message: string;
}

export interface ProblemOptions {
  /** RFC 9457 extension members, e.g. `currentState` and `allowed` on a 409. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to this error (WWW-Authenticate, ETag...). */
  headers?: Record<string, string>;
  cause?: unknown;
}

const TYPE_PREFIX = 'urn:zone-risk:problem:';

/** The problem `type` for a status the platform knows; one place so thrown and framework errors agree. */
export const PROBLEM_TYPES: Readonly<Record<number, { type: string; title: string }>> = {
  400: { type: `${TYPE_PREFIX}validation`, title: 'Request is invalid' },
  401: { type: `${TYPE_PREFIX}unauthorized`, title: 'Authentication required' },
  403: { type: `${TYPE_PREFIX}forbidden`, title: 'Not allowed' },
  404: { type: `${TYPE_PREFIX}not-found`, title: 'Not found' },
  409: { type: `${TYPE_PREFIX}conflict`, title: 'Conflict with the current state' },
  412: { type: `${TYPE_PREFIX}precondition-failed`, title: 'The resource has changed' },
  413: { type: `${TYPE_PREFIX}payload-too-large`, title: 'Request body too large' },
  415: { type: `${TYPE_PREFIX}unsupported-media-type`, title: 'Unsupported media type' },
  422: { type: `${TYPE_PREFIX}unprocessable`, title: 'Request cannot be processed' },
  428: { type: `${TYPE_PREFIX}precondition-required`, title: 'A precondition header is required' },
};

/**
 * An error that knows its HTTP answer. Throw a subclass from a handler or domain code; the
 * platform's error handler turns it into RFC 9457 problem+json.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, options: ProblemOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.type = PROBLEM_TYPES[status]?.type ?? 'about:blank';
    this.title = PROBLEM_TYPES[status]?.title ?? 'Error';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export class ValidationError extends ProblemError {
  readonly errors: readonly FieldError[];
  constructor(detail: string, errors: readonly FieldError[] = [], options: ProblemOptions = {}) {
    super(400, detail, { ...options, extensions: { ...options.extensions, errors } });
    this.errors = errors;
  }
}

export class UnauthorizedError extends ProblemError {
  constructor(detail = 'A valid bearer token is required', options: ProblemOptions = {}) {
    super(401, detail, {
      ...options,
      headers: { 'www-authenticate': 'Bearer realm="zone-risk"', ...options.headers },
    });
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail = 'You are not allowed to do this', options: ProblemOptions = {}) {
    super(403, detail, options);
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail = 'The resource does not exist', options: ProblemOptions = {}) {
    super(404, detail, options);
  }
}

/** 409, e.g. a transition not allowed from the current state: `{ currentState, allowed }`. */
export class ConflictError extends ProblemError {
  constructor(detail: string, extensions: Record<string, unknown> = {}, options: ProblemOptions = {}) {
    super(409, detail, { ...options, extensions: { ...options.extensions, ...extensions } });
  }
}

export class PreconditionFailedError extends ProblemError {
  constructor(detail: string, options: ProblemOptions = {}) {
    super(412, detail, options);
  }
}

export class PreconditionRequiredError extends ProblemError {
  constructor(detail = 'Send If-Match with the ETag you last read', options: ProblemOptions = {}) {
    super(428, detail, options);
  }
}

export class PayloadTooLargeError extends ProblemError {
  constructor(detail = 'The request body is too large', options: ProblemOptions = {}) {
    super(413, detail, options);
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  constructor(detail = 'The request content type is not supported', options: ProblemOptions = {}) {
    super(415, detail, options);
  }
}

/** 422: understood but refused as a whole, e.g. an Idempotency-Key reused with another body. */
export class UnprocessableContentError extends ProblemError {
  constructor(detail: string, options: ProblemOptions = {}) {
    super(422, detail, options);
  }
}
