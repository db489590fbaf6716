import { ObservedResponse, OpenApiContract } from './openApiContract';

const role = {
  id: 'security-architect',
  title: 'Security Architect',
  aliases: [],
  pillarIds: ['security'],
  responsibilities: [
    {
      id: 'security/identity/security-architect',
      roleId: 'security-architect',
      pillarId: 'security',
      categoryId: 'security/identity',
      title: 'Security Architect',
      description: 'Designs the controls.',
      flags: [],
    },
  ],
};

/** A response of `GET /roles` as the plugin sends it. */
function rolesResponse(
  change: (res: ObservedResponse & { body: any }) => void = () => {},
): ObservedResponse {
  const res = {
    method: 'GET',
    url: '/api/well-architected/roles?q=security',
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      etag: '"J8-TYSSKwHETjE2XNlF_8OjmULQ"',
      'cache-control': 'private, no-cache',
    },
    body: {
      items: [structuredClone(role)],
      totalCount: 1,
      limit: 100,
      offset: 0,
    },
    text: '{…}',
  };
  change(res);
  return res;
}

describe('OpenApiContract', () => {
  let contract: OpenApiContract;

  beforeAll(async () => {
    contract = await OpenApiContract.load();
  });

  it('accepts a response that matches the document', () => {
    expect(contract.violations(rolesResponse())).toEqual([]);
  });

  it.each<[string, (res: ObservedResponse & { body: any }) => void, string[]]>([
    [
      'a renamed field',
      res => {
        res.body.total = res.body.totalCount;
        delete res.body.totalCount;
      },
      [
        "GET /roles 200: body must have required property 'totalCount'; must NOT have additional properties",
      ],
    ],
    [
      'a field of another type',
      res => {
        res.body.limit = '100';
      },
      ['GET /roles 200: body /limit must be integer'],
    ],
    [
      'a value outside an enum, deep in the body',
      res => {
        res.body.items[0].responsibilities[0].pillarId = 'safety';
      },
      [
        'GET /roles 200: body /items/0/responsibilities/0/pillarId must be equal to one of the allowed values',
      ],
    ],
    [
      'a missing ETag',
      res => {
        delete res.headers.etag;
      },
      ['GET /roles 200: header etag is missing'],
    ],
    [
      'a weak ETag',
      res => {
        res.headers.etag = 'W/"abc"';
      },
      ['GET /roles 200: header etag must match pattern "^"[A-Za-z0-9_-]+"$"'],
    ],
    [
      'a body that is not JSON',
      res => {
        res.headers['content-type'] = 'text/html';
      },
      ["GET /roles 200: content type 'text/html' is not JSON"],
    ],
    [
      'an undocumented status',
      res => {
        res.status = 500;
      },
      ['GET /roles does not document status 500'],
    ],
    [
      'a body on a 304',
      res => {
        res.status = 304;
      },
      ['GET /roles 304: the document has no body, the response has one'],
    ],
    [
      'an error body with a stack trace',
      res => {
        res.status = 400;
        res.body = {
          error: { name: 'InputError', message: 'bad', stack: 'at x.ts:1' },
          request: { method: 'GET', url: '/roles' },
          response: { statusCode: 400 },
        };
      },
      ['GET /roles 400: body /error/stack boolean schema is false'],
    ],
    [
      'a route the document does not have',
      res => {
        res.url = '/api/well-architected/roles/a/b/c';
      },
      ['GET /api/well-architected/roles/a/b/c is not in the document'],
    ],
  ])('reports %s', (_, change, expected) => {
    expect(contract.violations(rolesResponse(change))).toEqual(expected);
  });
});
