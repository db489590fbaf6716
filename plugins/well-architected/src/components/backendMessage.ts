import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words when the error is an answer of the backend: a
 * ResponseError carries its message, which says what to do.
 */
export function backendMessage(error: unknown): string {
  const { body, message } = error as Partial<ResponseError>;
  return body?.error.message ?? message ?? String(error);
}
