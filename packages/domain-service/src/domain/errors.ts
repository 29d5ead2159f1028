// What a domain says when it refuses, in its own words. These know nothing of HTTP: the platform's
// error handler maps them to problems (400, 403, 409) through the kit's `domainProblem`.

/** One input field a rule refuses: a JSON Pointer into the command's input, and why. */
export interface FieldReason {
  pointer: string;
  reason: string;
}

/** A refusal by a domain rule. */
export class DomainError extends Error {
  /** Facts about the refusal a client can act on, e.g. `currentState`. */
  readonly facts: Readonly<Record<string, unknown>>;

  constructor(message: string, facts: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.facts = facts;
  }
}

/** The input breaks a rule: every field at fault, with its pointer and reason. */
export class InvalidInput extends DomainError {
  readonly fields: readonly FieldReason[];

  constructor(message: string, fields: readonly FieldReason[] = []) {
    super(message);
    this.fields = fields;
  }
}

/** The action is not allowed in the state the aggregate is in. */
export class NotAllowed extends DomainError {
  readonly currentState: string;
  readonly action: string;
  readonly allowed: readonly string[];

  constructor(noun: string, currentState: string, action: string, allowed: readonly string[]) {
    const article = /^[aeiou]/i.test(noun) ? 'An' : 'A';
    super(
      `${article} ${noun} that is ${currentState} cannot ${action}; allowed from ${currentState}: ${allowed.length > 0 ? allowed.join(', ') : 'nothing (it is final)'}`,
      { currentState, action, allowed },
    );
    this.currentState = currentState;
    this.action = action;
    this.allowed = allowed;
  }
}

/** The aggregate's own facts rule the action out (a photo too many, a listing already made). */
export class Conflict extends DomainError {}

/** The rule is about who acts: this actor may not, whatever their role (not on your own hazard). */
export class Forbidden extends DomainError {}
