/**
 * The record is not there, or the caller may not know that it is (another local authority's): from outside the two
 * look the same, so nobody can learn that a child exists elsewhere. The HTTP layer answers 404 with the sentence.
 */
export class RecordNotFound extends Error {
  constructor(message = 'There is no such record.') {
    super(message);
    this.name = 'RecordNotFound';
  }
}

/**
 * Input that is well formed but names something that is not there (a member of staff not in the directory): each
 * problem names its field with a sentence saying how to put it right. The HTTP layer answers 400; a form shows the
 * messages beside the fields. Nothing is written.
 */
export class InvalidInput extends Error {
  constructor(readonly problems: ReadonlyArray<{ field: string; message: string }>) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'InvalidInput';
  }
}
