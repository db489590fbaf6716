import fc from 'fast-check';
import { ApiRequest, ApiRoute, urlOf } from './apiRoutes';

/**
 * The longest URL the fuzz sends. Node refuses a request whose head exceeds 16 KiB with 431
 * before any plugin sees it, so longer URLs would test Node, not the plugin.
 */
const MAX_URL_LENGTH = 12_000;

const sqlFragments = fc.constantFrom(
  "' OR '1'='1",
  "'; DROP TABLE role_links; --",
  '" OR ""="',
  '1) UNION SELECT id, title FROM roles --',
  "%' AND 1=0 UNION SELECT group_ref FROM role_links --",
  "admin'--",
  "'; SELECT pg_sleep(5); --",
  '1; DELETE FROM role_links WHERE 1=1',
  "' AND SLEEP(5) --",
  '`roles`',
  '$1',
  '?',
  ':roleId',
  '\\',
  "\\'",
);

/** LIKE wildcards and escapes, for the text search that must treat them literally. */
const likeWildcards = fc
  .array(fc.constantFrom('%', '_', '\\%', '\\_', '[a-z]', '^', '*', '.*'), {
    minLength: 1,
    maxLength: 8,
  })
  .map(parts => parts.join(''));

/** Strings longer than any column or limit of the API. */
const hugeText = fc.oneof(
  fc.integer({ min: 256, max: 5000 }).map(n => 'a'.repeat(n)),
  fc
    .tuple(
      fc.constantFrom("'", '%', 'ü', '🙂', '\u0000', "x'--"),
      fc.integer({ min: 200, max: 500 }),
    )
    .map(([unit, n]) => unit.repeat(n)),
);

const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    'ＳＲＥ',
    'ſre',
    'İ',
    '\u202Eesrever',
    'e\u0301',
    '🧑‍🚒',
    '\uFEFF',
    '𝔰𝔯𝔢',
  ),
);

const withNul = fc
  .string({ maxLength: 20 })
  .map(text => `${text}\u0000${text}`);

const oddEntityRefs = fc.constantFrom(
  ':',
  '/',
  ':/',
  'group:',
  'group:/',
  ':default/sre-team',
  'group:default/',
  'group:default/sre-team/extra',
  'GROUP:DEFAULT/SRE-TEAM',
  'user:default/guest',
  'system:default/payments',
  ' group:default/sre-team ',
  'group::sre-team',
  'a:b:c/d',
  'group:default/sre-team\u0000',
  'group:default/../../etc/passwd',
  'group:default/sre-team?x=1',
  'group:default/sre-team#x',
  'group:default/𝔰𝔯𝔢',
  'component:default/payments-api',
);

const pathTraversal = fc.constantFrom(
  '.',
  '..',
  '../',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '....//',
  '/etc/passwd',
  'file:///etc/passwd',
  '~root',
);

const shortHostile = fc.oneof(
  sqlFragments,
  likeWildcards,
  unicodeText,
  withNul,
  oddEntityRefs,
  pathTraversal,
);

/** Text a careless or malicious client sends: every kind alone, and short ones run together. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  shortHostile,
  hugeText,
  fc
    .array(shortHostile, { minLength: 2, maxLength: 3 })
    .map(parts => parts.join('')),
);

/** Numbers as text that a number parser may take for something else. */
const hostileNumbers = fc.oneof(
  fc.constantFrom(
    '1e3',
    '-0',
    '0x10',
    'Infinity',
    'NaN',
    ' 5',
    '5 ',
    '1,5',
    '9'.repeat(400),
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

/** Path segments sent as written: broken percent escapes and encoded traversal. */
const rawSegments = fc.constantFrom(
  '%zz',
  '%',
  '%E0%A4%A',
  '%00',
  '..%2f..%2fetc',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%u0000',
);

/** Query strings sent as written: repeated, nested and prototype-polluting parameters. */
const rawQueries = fc.constantFrom(
  'q[]=x',
  'q[a]=b',
  'limit=1&limit=2',
  'pillar[$ne]=security',
  'entityRef[]=system:default/payments',
  '__proto__[isAdmin]=1',
  'constructor[prototype][isAdmin]=1',
  'q=%zz',
  'q=%',
  '&&&',
  '=x',
  'q',
);

type Segment = { value: string } | { raw: string };

function segment(valid: string | undefined): fc.Arbitrary<Segment> {
  // A whole segment `.` or `..`, encoded or not, is resolved away by URL parsers (the WHATWG URL
  // of the response checker among them), so the request names another route.
  const hostile = fc.oneof(
    {
      weight: 6,
      arbitrary: hostileText
        .filter(value => value !== '.' && value !== '..')
        .map(value => ({ value })),
    },
    { weight: 1, arbitrary: rawSegments.map(raw => ({ raw })) },
  );
  return valid === undefined
    ? hostile
    : fc.oneof(
        { weight: 3, arbitrary: hostile },
        fc.constant({ value: valid }),
      );
}

/**
 * Requests to a route with hostile values in its path parameters, its query parameters, query
 * parameters it does not read and the raw query string; never the route's valid request itself.
 */
export function hostileRequests(route: ApiRoute): fc.Arbitrary<ApiRequest> {
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
  const queryValue = (name: string) =>
    ['limit', 'offset'].includes(name)
      ? fc.oneof(hostileText, hostileNumbers)
      : hostileText;
  return fc
    .record({
      segments: fc.tuple(
        ...pathNames.map(name => segment(route.valid.params?.[name])),
      ),
      query: fc.tuple(
        ...route.queryNames.map(name =>
          fc.option(
            queryValue(name).map(value => [name, value] as const),
            { nil: undefined },
          ),
        ),
        fc.option(
          fc.tuple(hostileText, hostileText).map(([k, v]) => [k, v] as const),
          { freq: 3, nil: undefined },
        ),
      ),
      rawQuery: fc.option(rawQueries, { freq: 3, nil: undefined }),
    })
    .map(({ segments, query, rawQuery }): ApiRequest => {
      const request: ApiRequest = {
        params: {},
        rawParams: {},
        query: Object.fromEntries(query.filter(entry => entry !== undefined)),
        rawQuery,
      };
      segments.forEach((s, i) => {
        if ('raw' in s) {
          request.rawParams![pathNames[i]] = s.raw;
        } else {
          request.params![pathNames[i]] = s.value;
        }
      });
      return request;
    })
    .filter(
      request =>
        urlOf(route, request).length <= MAX_URL_LENGTH &&
        (Object.keys(request.rawParams!).length > 0 ||
          Object.keys(request.query!).length > 0 ||
          request.rawQuery !== undefined ||
          pathNames.some(
            name => request.params![name] !== route.valid.params?.[name],
          )),
    );
}

/** Every value a request carries, to tell text the answer echoes from text it leaks. */
export function inputsOf(request: ApiRequest): string[] {
  return [
    ...Object.values(request.params ?? {}),
    ...Object.values(request.rawParams ?? {}),
    ...Object.entries(request.query ?? {}).flat(),
    ...(request.rawQuery ? [request.rawQuery] : []),
  ];
}
