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
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  roleLinkCreatePermission,
  roleLinkDeletePermission,
} from 'backstage-plugin-well-architected-common';
import { publicErrors } from './publicErrors';
import { describeRequestErrors, refuseDroppedQueryKeys } from './requestErrors';
import { createOpenApiRouter } from './schema/openapi/generated/router';
import { RoleLinkPermissions } from './services/RoleLinkPermissions';
import { LinkTarget, RoleLinkService } from './services/RoleLinkService';
import { RoleDataset } from './services/RoleDataset';
import { SuggestionService } from './services/suggestions/SuggestionService';

const ENTITY_REF_HELP =
  'an entity ref looks like kind:namespace/name, for example system:default/payments';

/**
 * The document describes `entityRef` as text; the services need it parsed, and an unparsable one
 * gets a message that shows what a ref looks like.
 */
function parseEntityRefParameter(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef);
  } catch {
    throw new InputError(
      `Invalid entityRef '${entityRef.slice(0, 100)}': ${ENTITY_REF_HELP}`,
    );
  }
}

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who made a change: the user's entity ref, or the calling service. */
function actorRef({ principal }: Credentials): string {
  return principal.type === 'user'
    ? principal.userEntityRef
    : `service:${principal.subject}`;
}

/**
 * Dataset responses change only when a new dataset version is loaded, so they carry an ETag built
 * from that version and the request, and a client revalidates with If-None-Match instead of
 * downloading the dataset again.
 */
function isFresh(
  req: Pick<express.Request, 'originalUrl' | 'fresh'>,
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

/**
 * Sends a JSON body that a service serialized ahead of time, because the same answer is asked for
 * often. The typed `res.json` cannot check it against the document, so the route tests do.
 */
function sendSerialized(res: express.Response, json: Buffer | string) {
  res.type('json').send(json);
}

/** The HTTP API of the plugin, mounted at `/api/well-architected`. */
export async function createRouter(options: {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  linkPermissions: RoleLinkPermissions;
  roleDataset: RoleDataset;
  roleLinks: RoleLinkService;
  suggestions: Pick<SuggestionService, 'suggest' | 'members'>;
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
    roleDataset,
    roleLinks,
    suggestions,
  } = options;
  // Requests are validated against the OpenAPI document. Credentials are not: httpAuth checks
  // them, in a token or a cookie, and answers 401.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  router.use(refuseDroppedQueryKeys());

  const authenticate = (req: Parameters<HttpAuthService['credentials']>[0]) =>
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
        req.params.roleId,
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
    const catalog = await roleDataset.current();
    if (!isFresh(req, res, catalog.version)) {
      res.json(catalog.pillars());
    }
  });

  router.get('/roles', async (req, res) => {
    await authenticate(req);
    const catalog = await roleDataset.current();
    if (!isFresh(req, res, catalog.version)) {
      sendSerialized(res, catalog.listRolesJson(req.query));
    }
  });

  router.get('/role-summaries', async (req, res) => {
    await authenticate(req);
    const catalog = await roleDataset.current();
    if (!isFresh(req, res, catalog.version)) {
      res.json(catalog.roleSummaries());
    }
  });

  router.get('/roles/:roleId', async (req, res) => {
    await authenticate(req);
    const catalog = await roleDataset.current();
    const role = catalog.getRole(req.params.roleId);
    if (!isFresh(req, res, catalog.version)) {
      res.json(role);
    }
  });

  router.get('/roles/:roleId/groups', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await roleLinks.groupsForRole(req.params.roleId, credentials));
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

  router.get('/groups/:groupRef/members', async (req, res) => {
    const credentials = await authenticate(req);
    const groupRef = roleLinks.parseGroupRef(req.params.groupRef);
    res.json(await suggestions.members(groupRef, credentials));
  });

  router.get('/suggestions', async (req, res) => {
    const credentials = await authenticate(req);
    const entityRef = parseEntityRefParameter(req.query.entityRef);
    res.json(await suggestions.suggest(entityRef, credentials));
  });

  router.use(describeRequestErrors());
  router.use(publicErrors(logger));

  return router;
}
