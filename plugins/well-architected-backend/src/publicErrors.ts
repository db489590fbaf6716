import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ErrorLike,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/** Errors the plugin raises on purpose, with messages written for the caller. */
const INTENDED = new Set(
  [
    AuthenticationError,
    ConflictError,
    InputError,
    NotAllowedError,
    NotFoundError,
    NotModifiedError,
    ServiceUnavailableError,
  ].map(type => type.name),
);

/** Error codes of a database server that is down, refusing or dropping connections. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  // PostgreSQL: shutting down, starting up, or terminated by the administrator.
  '57P01',
  '57P02',
  '57P03',
]);

function isUnreachable(error: ErrorLike): boolean {
  return (
    error.name === 'KnexTimeoutError' ||
    UNREACHABLE_CODES.has(String(error.code)) ||
    /Connection terminated|not queryable|connection is closed/i.test(
      error.message,
    )
  );
}

/**
 * The last error handler of the router. Errors the plugin raises on purpose, and client errors
 * such as a malformed body, pass unchanged. Anything else comes from a library, the database
 * driver above all, and its message can carry SQL text: it is logged here and the caller gets a
 * plain message instead, 503 when the database cannot be reached (the request can be retried)
 * and 500 otherwise.
 */
export function publicErrors(logger: LoggerService): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (
      !isError(error) ||
      INTENDED.has(error.name) ||
      Number(error.statusCode ?? error.status) < 500
    ) {
      next(error);
    } else if (isUnreachable(error)) {
      logger.warn(`The database cannot be reached: ${error}`);
      next(
        new ServiceUnavailableError(
          'The Well-Architected database cannot be reached right now; try again shortly',
        ),
      );
    } else {
      logger.error('Request failed', error);
      next(
        new Error(
          'The Well-Architected plugin failed to answer; the backend log has the details',
        ),
      );
    }
  };
}
