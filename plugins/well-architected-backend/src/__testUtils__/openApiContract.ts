import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The committed OpenAPI document of the plugin's API. */
export const OPENAPI_DOCUMENT = path.resolve(
  __dirname,
  '../schema/openapi.yaml',
);

/** Where the plugin's router is mounted; the document's paths are relative to it. */
export const API_BASE = '/api/well-architected';

/** One operation of the document, such as `GET /roles/{roleId}`. */
export interface Operation {
  method: string;
  path: string;
}

/** One request a test sent, and the response it got. */
export interface ObservedResponse {
  method: string;
  /** The request URL, under the API base, with its query. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

interface CompiledResponse {
  headers: Array<{
    name: string;
    required: boolean;
    validate: ValidateFunction;
  }>;
  body?: ValidateFunction;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** The parts of a dereferenced OpenAPI 3.1 document that the checker reads. */
interface OpenApiDocument {
  paths?: Record<
    string,
    Partial<
      Record<
        (typeof METHODS)[number],
        { responses?: Record<string, OpenApiResponse> }
      >
    >
  >;
}

interface OpenApiResponse {
  headers?: Record<string, { required?: boolean; schema: object }>;
  content?: Record<string, { schema?: object }>;
}

function matchesTemplate(template: string, pathname: string): boolean {
  const want = template.split('/');
  const got = pathname.split('/');
  return (
    want.length === got.length &&
    want.every(
      (part, i) =>
        part === got[i] ||
        (part.startsWith('{') && part.endsWith('}') && got[i] !== ''),
    )
  );
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map(e => (e.instancePath ? `${e.instancePath} ${e.message}` : e.message))
    .join('; ');
}

/**
 * The OpenAPI 3.1 document as a checker of real responses. The document is validated against the
 * OpenAPI 3.1 schema and dereferenced, and every response schema is compiled with Ajv's JSON
 * Schema 2020-12 dialect, the one OpenAPI 3.1 uses. A response conforms when its status code is
 * documented for its operation, its required headers are present and valid, and its body matches
 * the documented schema (or is empty where the document has no content).
 */
export class OpenApiContract {
  private constructor(
    private readonly responses: Map<string, Map<string, CompiledResponse>>,
  ) {}

  static async load(document = OPENAPI_DOCUMENT): Promise<OpenApiContract> {
    const api = (await SwaggerParser.validate(document)) as OpenApiDocument;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const responses = new Map<string, Map<string, CompiledResponse>>();
    for (const [template, item] of Object.entries(api.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item?.[method];
        if (!operation) {
          continue;
        }
        const byStatus = new Map<string, CompiledResponse>();
        for (const [status, response] of Object.entries(
          operation.responses ?? {},
        )) {
          const { headers = {}, content } = response;
          const json = content?.['application/json']?.schema;
          byStatus.set(status, {
            headers: Object.entries(headers).map(([name, header]) => ({
              name: name.toLowerCase(),
              required: Boolean(header.required),
              validate: ajv.compile(header.schema),
            })),
            body: json ? ajv.compile(json) : undefined,
          });
        }
        responses.set(`${method.toUpperCase()} ${template}`, byStatus);
      }
    }
    return new OpenApiContract(responses);
  }

  /** Every operation in the document. */
  operations(): Operation[] {
    return [...this.responses.keys()].map(key => {
      const [method, template] = key.split(' ');
      return { method, path: template };
    });
  }

  /** The documented status codes of one operation. */
  statuses(operation: Operation): string[] {
    return [
      ...(this.responses.get(`${operation.method} ${operation.path}`)?.keys() ??
        []),
    ];
  }

  /** The operation a request path (with the API base and a query, or without) belongs to. */
  operationOf(method: string, requestPath: string): Operation | undefined {
    const pathname = requestPath.split('?')[0].replace(API_BASE, '') || '/';
    return this.operations().find(
      o =>
        o.method === method.toUpperCase() && matchesTemplate(o.path, pathname),
    );
  }

  /** How the response departs from the document; empty when it conforms. */
  violations(response: ObservedResponse): string[] {
    const { method, url } = response;
    const operation = this.operationOf(method, url);
    if (!operation) {
      return [`${method} ${url} is not in the document`];
    }
    const name = `${operation.method} ${operation.path}`;
    const documented = this.responses.get(name)!.get(String(response.status));
    if (!documented) {
      return [`${name} does not document status ${response.status}`];
    }
    const where = `${name} ${response.status}`;
    const problems: string[] = [];
    for (const header of documented.headers) {
      const value = response.headers[header.name];
      if (value === undefined) {
        if (header.required) {
          problems.push(`${where}: header ${header.name} is missing`);
        }
      } else if (!header.validate(value)) {
        problems.push(
          `${where}: header ${header.name} ${describeErrors(header.validate)}`,
        );
      }
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (documented.body) {
      if (!contentType.startsWith('application/json')) {
        problems.push(`${where}: content type '${contentType}' is not JSON`);
      } else if (!documented.body(response.body)) {
        problems.push(`${where}: body ${describeErrors(documented.body)}`);
      }
    } else if (response.text) {
      problems.push(`${where}: the document has no body, the response has one`);
    }
    return problems;
  }
}
