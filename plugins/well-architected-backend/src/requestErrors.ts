import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { spec } from './schema/openapi/generated/router';

interface ParameterSchema {
  type?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema: ParameterSchema;
  $ref?: string;
}

/** Follows a local `$ref` such as `#/components/parameters/roleId` inside the document. */
function resolve<T extends { $ref?: string }>(value: T): T {
  if (!value.$ref) {
    return value;
  }
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], spec);
  return resolve(target as T);
}

/** The parameters of the operation that the request validator matched, from the document. */
function parametersOf(req: Request): Parameter[] {
  const operation = (
    req as { openapi?: { schema?: { parameters?: Parameter[] } } }
  ).openapi?.schema;
  return (operation?.parameters ?? []).map(p => {
    const parameter = resolve(p);
    return { ...parameter, schema: resolve(parameter.schema) };
  });
}

/** What a parameter accepts, in words, from its schema in the document. */
function accepted(parameter: Parameter): string {
  const { schema } = parameter;
  let rule: string;
  if (schema.enum) {
    rule = `use one of ${schema.enum.join(', ')}`;
  } else if (schema.type === 'integer') {
    rule = `use a whole number from ${schema.minimum} to ${schema.maximum}`;
  } else if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    rule = `give one text of ${schema.minLength} to ${schema.maxLength} characters`;
  } else if (schema.maxLength !== undefined) {
    rule = `give one text of at most ${schema.maxLength} characters`;
  } else {
    rule = 'give one text';
  }
  const about = parameter.description ?? schema.description;
  return about ? `${rule}. ${about.trim()}` : rule;
}

/**
 * The request validator's messages (`request/query/limit must be integer`) name the parameter in
 * its own notation and say what was wrong, but not what would be right. These patterns find the
 * parameter; the answer then says what it accepts, from the document.
 */
const PARAMETER_MESSAGES: Array<[RegExp, 'invalid' | 'missing']> = [
  [/^request\/(?:query|params|headers)\/([\w-]+) /, 'invalid'],
  [/^Empty value found for query parameter '([\w-]+)'/, 'invalid'],
  [/^request\/query must have required property '([\w-]+)'/, 'missing'],
];

/**
 * Rewrites the request validator's 400s so that each names the parameter and the values it
 * accepts, as the OpenAPI document gives them; other errors pass unchanged.
 */
export function describeRequestErrors(): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (!isError(error) || error.name !== 'InputError') {
      next(error);
      return;
    }
    const parameters = parametersOf(req);
    const unknown = /^Unknown query parameter '(.*)'$/.exec(error.message);
    if (unknown) {
      const names = parameters.filter(p => p.in === 'query').map(p => p.name);
      next(
        new InputError(
          `Unknown query parameter(s) '${unknown[1]}'; accepted: ${
            names.join(', ') || 'none'
          }`,
        ),
      );
      return;
    }
    for (const [pattern, kind] of PARAMETER_MESSAGES) {
      const name = pattern.exec(error.message)?.[1];
      const parameter = parameters.find(p => p.name === name);
      if (parameter) {
        next(
          new InputError(
            kind === 'missing'
              ? `Give the query parameter '${parameter.name}': ${accepted(
                  parameter,
                )}`
              : `Invalid '${parameter.name}': ${accepted(parameter)}`,
          ),
        );
        return;
      }
    }
    next(error);
  };
}

/**
 * Express's query parser drops some keys (`__proto__[…]`, empty names) before the request
 * validator sees them, so a request with only those would pass as one without query parameters.
 * This refuses them as the validator refuses any other parameter the operation does not take.
 */
export function refuseDroppedQueryKeys(): RequestHandler {
  return (req, _res, next) => {
    const search = req.originalUrl.split('?')[1] ?? '';
    const dropped = [...new URLSearchParams(search).keys()].filter(
      key => !Object.hasOwn(req.query, key.split('[')[0]),
    );
    next(
      dropped.length > 0
        ? new InputError(`Unknown query parameter '${dropped.join("', '")}'`)
        : undefined,
    );
  };
}

/** A whole number as people write it: decimal digits, no sign, no leading zero. */
const WHOLE_NUMBER = /^(0|[1-9]\d{0,14})$/;

/**
 * The request validator turns any text that JavaScript reads as a number into one, so `0x10`,
 * `2e1`, `Infinity` or 400 nines would pass as whole numbers. This refuses every integer query
 * parameter that is not written in decimal digits, with the document's words for what it accepts.
 */
export function refuseLooseWholeNumbers(): RequestHandler {
  return (req, _res, next) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const loose = parametersOf(req).find(
      parameter =>
        parameter.in === 'query' &&
        parameter.schema.type === 'integer' &&
        query.getAll(parameter.name).some(value => !WHOLE_NUMBER.test(value)),
    );
    next(
      loose
        ? new InputError(`Invalid '${loose.name}': ${accepted(loose)}`)
        : undefined,
    );
  };
}
