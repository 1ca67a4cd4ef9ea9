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
