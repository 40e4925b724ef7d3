/** A process rule refuses an event: the API answers with its status, message and field issues. */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}
