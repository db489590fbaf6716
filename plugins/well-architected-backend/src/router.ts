import { createHash } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  PILLAR_IDS,
  roleLinkCreatePermission,
  roleLinkDeletePermission,
} from 'backstage-plugin-well-architected-common';
import { publicErrors } from './publicErrors';
import { RoleLinkPermissions } from './services/RoleLinkPermissions';
import { LinkTarget, RoleLinkService } from './services/RoleLinkService';
import { RoleCatalog, ROLES_PAGE } from './services/RoleCatalog';
import { SuggestionService } from './services/suggestions/SuggestionService';

const MAX_QUERY_TEXT = 200;

const rolesQuerySchema = z
  .object({
    pillar: z.enum(PILLAR_IDS).optional(),
    category: z.string().max(191).optional(),
    q: z.string().max(MAX_QUERY_TEXT).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(ROLES_PAGE.maxLimit)
      .default(ROLES_PAGE.defaultLimit),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const ENTITY_REF_HELP =
  'an entity ref looks like kind:namespace/name, for example system:default/payments';

const suggestionsQuerySchema = z
  .object({ entityRef: z.string().min(1).max(512) })
  .strict();

function parseSuggestionsQuery(query: unknown): CompoundEntityRef {
  const parsed = suggestionsQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(
      `Give exactly one query parameter 'entityRef' of at most 512 characters; ${ENTITY_REF_HELP}`,
    );
  }
  try {
    return parseEntityRef(parsed.data.entityRef);
  } catch {
    throw new InputError(
      `Invalid entityRef '${parsed.data.entityRef.slice(
        0,
        100,
      )}': ${ENTITY_REF_HELP}`,
    );
  }
}

const roleIdSchema = z
  .string()
  .max(128)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who made a change: the user's entity ref, or the calling service. */
function actorRef({ principal }: Credentials): string {
  return principal.type === 'user'
    ? principal.userEntityRef
    : `service:${principal.subject}`;
}

function parseRoleId(roleId: string): string {
  const parsed = roleIdSchema.safeParse(roleId);
  if (!parsed.success) {
    throw new InputError(
      'Invalid role id: role ids are lower-case slugs of at most 128 characters, such as site-reliability-engineer',
    );
  }
  return parsed.data;
}

/** Turns a zod error into one sentence that names the parameter and what it accepts. */
function describeQueryError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      if (issue.code === 'unrecognized_keys') {
        return `Unknown query parameter(s) ${issue.keys
          .map(k => `'${k}'`)
          .join(', ')}; accepted: pillar, category, q, limit, offset`;
      }
      const name = issue.path.join('.');
      switch (name) {
        case 'pillar':
          return `Invalid 'pillar': use one of ${PILLAR_IDS.join(', ')}`;
        case 'q':
          return `Invalid 'q': give one search text of at most ${MAX_QUERY_TEXT} characters`;
        case 'limit':
          return `Invalid 'limit': use a whole number from 1 to ${ROLES_PAGE.maxLimit}`;
        case 'offset':
          return `Invalid 'offset': use a whole number from 0 to 1000000`;
        default:
          return `Invalid '${name}': ${issue.message}`;
      }
    })
    .join('; ');
}

/**
 * Dataset responses change only when a new dataset version is loaded, so they carry an ETag built
 * from that version and the request, and a client revalidates with If-None-Match instead of
 * downloading the catalogue again.
 */
function isFresh(
  req: express.Request,
  res: express.Response,
  version: string,
): boolean {
  const tag = createHash('sha1')
    .update(version)
    .update(req.originalUrl)
    .digest('base64url');
  res.setHeader('ETag', `"${tag}"`);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  return false;
}

/** The HTTP API of the plugin, mounted at `/api/well-architected`. */
export async function createRouter(options: {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  linkPermissions: RoleLinkPermissions;
  roleCatalog: RoleCatalog;
  roleLinks: RoleLinkService;
  suggestions: Pick<SuggestionService, 'suggest'>;
  /**
   * Whether service principals may change links (`wellArchitected.roleLinks.allowServicePrincipals`);
   * otherwise only users may. Default: false.
   */
  allowServiceLinks?: boolean;
}): Promise<express.Router> {
  const {
    auditor,
    httpAuth,
    logger,
    linkPermissions,
    roleCatalog,
    roleLinks,
    suggestions,
  } = options;
  const router = Router();

  const authenticate = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // The framework lets through every service principal that has no access restrictions, so an
  // external access token would change links whatever the policy says; services are refused
  // unless the operator allows them.
  const mutationPrincipals: Array<'user' | 'service'> =
    options.allowServiceLinks ? ['user', 'service'] : ['user'];

  /**
   * Runs a mutation of role links: authenticated, the role and the Group looked up with the
   * caller's credentials (404 for a Group they cannot read, before anything is written),
   * authorized for that link, and recorded with the auditor whatever the outcome. `mutate`
   * returns its result and what the audit event records of it.
   */
  async function mutateLink<T>(
    req: express.Request,
    eventId: string,
    permission: ResourcePermission,
    mutate: (
      target: LinkTarget,
      credentials: Credentials,
    ) => Promise<{ result: T; audit: Record<string, string | boolean> }>,
  ): Promise<T> {
    const credentials = await httpAuth.credentials(req, {
      allow: mutationPrincipals,
    });
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: { roleId: req.params.roleId, groupRef: req.params.groupRef },
    });
    try {
      const target = await roleLinks.target(
        parseRoleId(req.params.roleId),
        req.params.groupRef,
        credentials,
      );
      await linkPermissions.authorize(permission, target.resource, credentials);
      const { result, audit } = await mutate(target, credentials);
      await event.success({
        meta: { roleId: target.roleId, groupRef: target.groupRef, ...audit },
      });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/pillars', async (req, res) => {
    await authenticate(req);
    const catalog = await roleCatalog.current();
    if (!isFresh(req, res, catalog.version)) {
      res.json(catalog.pillars());
    }
  });

  router.get('/roles', async (req, res) => {
    await authenticate(req);
    const parsed = rolesQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(describeQueryError(parsed.error));
    }
    const catalog = await roleCatalog.current();
    if (!isFresh(req, res, catalog.version)) {
      res.type('json').send(catalog.listRolesJson(parsed.data));
    }
  });

  router.get('/roles/:roleId', async (req, res) => {
    await authenticate(req);
    const catalog = await roleCatalog.current();
    const role = catalog.getRole(parseRoleId(req.params.roleId));
    if (!isFresh(req, res, catalog.version)) {
      res.json(role);
    }
  });

  router.get('/roles/:roleId/groups', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(
      await roleLinks.groupsForRole(
        parseRoleId(req.params.roleId),
        credentials,
      ),
    );
  });

  router.put('/roles/:roleId/groups/:groupRef', async (req, res) => {
    const { holder, created } = await mutateLink(
      req,
      'role-link-create',
      roleLinkCreatePermission,
      async (target, credentials) => {
        const made = await roleLinks.link(target, actorRef(credentials));
        return {
          result: made,
          audit: { outcome: made.created ? 'created' : 'already-existed' },
        };
      },
    );
    res.status(created ? 201 : 200).json(holder);
  });

  router.delete('/roles/:roleId/groups/:groupRef', async (req, res) => {
    await mutateLink(
      req,
      'role-link-delete',
      roleLinkDeletePermission,
      async target => {
        const removed = await roleLinks.unlink(target);
        return {
          result: removed,
          audit: {
            outcome: 'deleted',
            linkCreatedBy: removed.createdBy,
            linkCreatedAt: removed.createdAt,
          },
        };
      },
    );
    res.status(204).end();
  });

  router.get('/groups/:groupRef/roles', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await roleLinks.rolesForGroup(req.params.groupRef, credentials));
  });

  router.get('/suggestions', async (req, res) => {
    const credentials = await authenticate(req);
    const entityRef = parseSuggestionsQuery(req.query);
    res.json(await suggestions.suggest(entityRef, credentials));
  });

  router.use(publicErrors(logger));

  return router;
}
