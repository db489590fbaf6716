import request from 'supertest';

/**
 * Expects an error answer that never shows SQL, driver names or a stack trace. (Served behind
 * wrapServer, its body is also checked against the OpenAPI document.)
 */
export function expectPlainError(res: request.Response) {
  expect(res.body).toMatchObject({
    error: { name: expect.any(String), message: expect.any(String) },
  });
  const text = JSON.stringify(res.body.error);
  expect(text).not.toMatch(
    /\b(select|insert|update|delete)\b|knex|sqlite|pg_|mysql|ECONN|\bat .*\.[jt]s:\d+/i,
  );
  expect(text).not.toContain('"stack"');
}
