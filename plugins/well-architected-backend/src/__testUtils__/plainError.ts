import request from 'supertest';
import { OpenApiContract } from './openApiContract';

let contract: Promise<OpenApiContract> | undefined;

/**
 * Expects an error answer as the OpenAPI document describes it, which never shows SQL, driver
 * names or a stack trace.
 */
export async function expectPlainError(res: request.Response) {
  contract ??= OpenApiContract.load();
  expect(
    (await contract).violations({
      method: res.request.method,
      url: new URL(res.request.url).pathname,
      status: res.status,
      headers: res.headers,
      body: res.body,
      text: res.text,
    }),
  ).toEqual([]);
  const text = JSON.stringify(res.body.error);
  expect(text).not.toMatch(
    /\b(select|insert|update|delete)\b|knex|sqlite|pg_|mysql|ECONN|\bat .*\.[jt]s:\d+/i,
  );
  expect(text).not.toContain('"stack"');
}
