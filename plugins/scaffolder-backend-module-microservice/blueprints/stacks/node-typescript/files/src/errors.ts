/**
 * What can go wrong in the domain, whatever the transport: services throw these and the HTTP
 * layer (http/problems.ts) decides the status.
 */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A unique field already holds the value (409). */
export class ConflictError extends Error {
  readonly property: string;

  constructor(property: string, message: string) {
    super(message);
    this.name = 'ConflictError';
    this.property = property;
  }
}
