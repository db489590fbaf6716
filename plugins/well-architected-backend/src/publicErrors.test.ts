import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { publicErrors } from './publicErrors';

function appThrowing(error: unknown) {
  const logger = mockServices.logger.mock();
  const app = express()
    .get('/', () => {
      throw error;
    })
    .use(publicErrors(logger))
    .use(mockErrorHandler());
  return { app, logger };
}

describe('publicErrors', () => {
  it('passes the errors the plugin raises on purpose unchanged', async () => {
    const { app } = appThrowing(new InputError("Invalid 'pillar'"));
    const res = await request(app).get('/');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid 'pillar'");
  });

  it('replaces a database error that carries SQL text, and logs it', async () => {
    const driverError = Object.assign(
      new Error(
        "insert into `role_links` (`role_id`) values ('x') - ER_DATA_TOO_LONG: Data too long for column 'role_id'",
      ),
      { code: 'ER_DATA_TOO_LONG' },
    );
    const { app, logger } = appThrowing(driverError);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(
      'The Well-Architected plugin failed to answer; the backend log has the details',
    );
    expect(logger.error).toHaveBeenCalledWith('Request failed', driverError);
  });

  it.each([
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    }),
    Object.assign(new Error('Knex: Timeout acquiring a connection.'), {
      name: 'KnexTimeoutError',
    }),
    new Error('Connection terminated unexpectedly'),
  ])('answers 503 when the database cannot be reached: %s', async error => {
    const { app } = appThrowing(error);
    const res = await request(app).get('/');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/database cannot be reached/);
  });
});
