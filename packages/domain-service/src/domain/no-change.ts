/**
 * Thrown by a decision that finds nothing to change — the same register line again, a record
 * entry already there — so that the command can answer "unchanged" without writing a version.
 */
export class NoChange extends Error {
  constructor(what: string) {
    super(`${what}: nothing changes`);
    this.name = 'NoChange';
  }
}
