/**
 * The aggregate changed since the caller read it (stale expected version), or a new aggregate's
 * id is taken. Nothing was written. A route answers 412 when the client sent If-Match, else 409.
 */
export class OutboxConflictError extends Error {
  readonly statusCode = 409;
  readonly aggregateId: string;
  readonly expectedVersion: number;
  /** The stored version when it could be read; undefined for an id that already exists. */
  readonly actualVersion: number | undefined;

  constructor(aggregateId: string, expectedVersion: number, actualVersion?: number) {
    super(
      actualVersion === undefined
        ? `aggregate ${aggregateId} already exists`
        : `aggregate ${aggregateId} is at version ${actualVersion}, not ${expectedVersion}`,
    );
    this.name = 'OutboxConflictError';
    this.aggregateId = aggregateId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** `commit` was asked to change an aggregate that does not exist. */
export class AggregateNotFoundError extends Error {
  readonly statusCode = 404;
  readonly aggregateId: string;

  constructor(aggregateId: string) {
    super(`aggregate ${aggregateId} not found`);
    this.name = 'AggregateNotFoundError';
    this.aggregateId = aggregateId;
  }
}
