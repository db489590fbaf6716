import { Server } from 'node:http';
import fc from 'fast-check';
import { Knex } from 'knex';
import {
  ApiRequest,
  ApiRoute,
  apiRoutes,
  routeName,
} from './__testUtils__/apiRoutes';
import {
  ObservedResponse,
  send,
  startApiBackend,
} from './__testUtils__/apiBackend';
import { hostileRequests, inputsOf } from './__testUtils__/hostileInput';
import { createTestDatabases } from './__testUtils__/testDataset';

const INPUTS_PER_ROUTE = 1000;

jest.setTimeout(300_000);

const databases = createTestDatabases();

/**
 * What a database error looks like when it reaches a response: SQL statements, the query
 * builder, the drivers and their error codes. Plain words such as "from" alone are not on the
 * list, because the plugin's own messages use them ("a whole number from 1 to 500").
 */
const SQL_TEXT = [
  /\bselect\b[^]*\bfrom\b/,
  /\binsert\s+into\b/,
  /\bupdate\b[^]*\bset\b/,
  /\bdelete\s+from\b/,
  /\bwhere\b/,
  /\bknex\b/,
  /sqlite/,
  /\bpg\b|postgres/,
  /mysql|mariadb/,
  /\ber_\w+/,
  /syntax error/,
  /\bconstraint\b/,
];

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The SQL-like text in an error body that the request did not send itself. Messages quote bad
 * values, shortened, lower-cased or split up by the query parser, so the words of the request
 * are blanked out of the body before the search; a driver's error still shows, by its own words
 * (its error codes, the query builder, the SQL it ran). Success bodies are not searched: they
 * carry the dataset's prose, where "update" or "from" are plain English.
 */
function sqlTextIn(res: ObservedResponse, request: ApiRequest): string[] {
  if (res.status < 400) {
    return [];
  }
  const { request: _echoedRequest, ...rest } = res.body as Record<
    string,
    unknown
  >;
  const sent = new Set(
    inputsOf(request).flatMap(
      input => input.toLocaleLowerCase('en').match(WORD) ?? [],
    ),
  );
  const text = JSON.stringify(rest)
    .toLocaleLowerCase('en')
    .replace(WORD, word => (sent.has(word) ? ' ' : word));
  return SQL_TEXT.filter(pattern => pattern.test(text)).map(String);
}

/** The tables of the dataset and its migrations: no request changes them. */
const DATASET_TABLES = [
  'pillars',
  'categories',
  'roles',
  'responsibilities',
  'dataset_state',
  'knex_migrations',
];

/** Every row of the tables, in a stable order. */
async function snapshot(knex: Knex, tables: string[]) {
  return Promise.all(
    tables.map(async table =>
      (await knex(table)).map(row => JSON.stringify(row)).sort(),
    ),
  );
}

const named = (routes: ApiRoute[]) =>
  routes.map(route => [routeName(route), route] as const);

describe.each(databases.eachSupportedId())(
  `${INPUTS_PER_ROUTE} hostile inputs per route on %s`,
  databaseId => {
    let knex: Knex;
    let server: Server;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startApiBackend(knex);
      // A portal link, so that the reads have links to find and the mutations one to change.
      const link = apiRoutes.find(r => r.method === 'PUT')!;
      const made = await send(server, link, link.valid);
      if (made.status !== 201) {
        throw new Error(`Could not make a link: ${made.status} ${made.text}`);
      }
    });

    it.each(named(apiRoutes))(
      '%s: no 5xx, no SQL text, and the database unchanged (wrapServer checks each answer against the document)',
      async (_, route) => {
        // Mutations may change links and decisions, nothing changes the dataset, and reads
        // change nothing.
        const tables = route.permission
          ? DATASET_TABLES
          : [...DATASET_TABLES, 'role_links', 'suggestion_decisions'];
        const before = await snapshot(knex, tables);
        await fc.assert(
          fc.asyncProperty(hostileRequests(route), async request => {
            const res = await send(server, route, request);
            expect(res.status).toBeLessThan(500);
            expect(sqlTextIn(res, request)).toEqual([]);
          }),
          { numRuns: INPUTS_PER_ROUTE },
        );
        expect(await snapshot(knex, tables)).toEqual(before);
      },
    );
  },
);
