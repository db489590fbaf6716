import { createHash } from 'node:crypto';
import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import { publicErrors } from './publicErrors';
import {
  describeRequestErrors,
  refuseDroppedQueryKeys,
  refuseLooseWholeNumbers,
} from './requestErrors';
import { createOpenApiRouter } from './schema/openapi/generated/router';
import { parseEntityRefParameter } from './services/entityRefs';
import { RoleLinkChanges } from './services/RoleLinkChanges';
import { RoleLinkService } from './services/RoleLinkService';
import { RoleDataset, RoleDatasetSnapshot } from './services/RoleDataset';
import { SuggestionService } from './services/suggestions/SuggestionService';
import { CoverageHistory } from './services/CoverageHistory';
import { CoverageService } from './services/CoverageService';
import { CoverageRollUpService } from './services/CoverageRollUpService';
import { SuggestionDecisions } from './services/SuggestionDecisions';
import { RuleFeedback } from './services/RuleFeedback';
import { EvaluationRefresh } from './services/EvaluationRefresh';

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
  httpAuth: HttpAuthService;
  logger: LoggerService;
  linkChanges: RoleLinkChanges;
  roleDataset: RoleDataset;
  roleLinks: RoleLinkService;
  suggestions: Pick<SuggestionService, 'suggest' | 'members'>;
  coverage: Pick<CoverageService, 'coverage' | 'coverageCsv' | 'roleSystems'>;
  rollUps: Pick<CoverageRollUpService, 'coverageRollUps' | 'coverageRollUp'>;
  coverageHistory: Pick<CoverageHistory, 'history'>;
  decisions: Pick<SuggestionDecisions, 'decide' | 'undo'>;
  ruleFeedback: Pick<RuleFeedback, 'feedback'>;
  evaluationRefresh: Pick<EvaluationRefresh, 'refresh'>;
}): Promise<express.Router> {
  const { httpAuth, logger, linkChanges, roleDataset } = options;
  const { roleLinks, suggestions, coverage, coverageHistory } = options;
  const { rollUps, decisions, ruleFeedback, evaluationRefresh } = options;
  // Requests are validated against the OpenAPI document. Credentials are not: httpAuth checks
  // them, in a token or a cookie, and answers 401.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  router.use(refuseDroppedQueryKeys(), refuseLooseWholeNumbers());

  const authenticate = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /**
   * Answers a read of the role dataset through `send`, unless the caller already holds the answer
   * for the dataset's current version (304).
   */
  async function sendFromDataset(
    req: Parameters<typeof authenticate>[0],
    res: express.Response,
    send: (dataset: RoleDatasetSnapshot) => void,
  ) {
    await authenticate(req);
    const dataset = await roleDataset.current();
    if (!isFresh(req, res, dataset.version)) {
      send(dataset);
    }
  }

  /** The link a change names, and credentials of a principal that may change links. */
  async function linkChange(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: linkChanges.principals,
    });
    const { roleId, groupRef } = req.params;
    return [{ roleId, groupRef }, credentials, req] as const;
  }

  router.get('/pillars', (req, res) =>
    sendFromDataset(req, res, dataset => res.json(dataset.pillars())),
  );

  router.get('/roles', (req, res) =>
    sendFromDataset(req, res, dataset =>
      sendSerialized(res, dataset.listRolesJson(req.query)),
    ),
  );

  router.get('/role-summaries', (req, res) =>
    sendFromDataset(req, res, dataset => res.json(dataset.roleSummaries())),
  );

  router.get('/roles/:roleId', (req, res) =>
    sendFromDataset(req, res, dataset =>
      res.json(dataset.getRole(req.params.roleId)),
    ),
  );

  router.get('/roles/:roleId/groups', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await roleLinks.groupsForRole(req.params.roleId, credentials));
  });

  router.get('/roles/:roleId/systems', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(
      await coverage.roleSystems(req.params.roleId, req.query, credentials),
    );
  });

  router.put('/roles/:roleId/groups/:groupRef', async (req, res) => {
    const { holder, created } = await linkChanges.link(
      ...(await linkChange(req)),
    );
    res.status(created ? 201 : 200).json(holder);
  });

  router.delete('/roles/:roleId/groups/:groupRef', async (req, res) => {
    await linkChanges.unlink(...(await linkChange(req)));
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

  router.get('/coverage', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await coverage.coverage(req.query, credentials));
  });

  router.get('/coverage.csv', async (req, res) => {
    const credentials = await authenticate(req);
    res
      .type('text/csv')
      .attachment('well-architected-coverage.csv')
      .send(await coverage.coverageCsv(req.query, credentials));
  });

  router.get('/coverage/history', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await coverageHistory.history(req.query, credentials));
  });

  router.get('/rules', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await ruleFeedback.feedback(credentials));
  });

  router.get('/coverage/rollups', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(await rollUps.coverageRollUps(req.query, credentials));
  });

  router.get('/coverage/rollups/:scopeRef', async (req, res) => {
    const credentials = await authenticate(req);
    res.json(
      await rollUps.coverageRollUp(req.params.scopeRef, req.query, credentials),
    );
  });

  /** The caller of a change to an entity: a principal that may make changes, and the request. */
  async function entityChanger(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: linkChanges.principals,
    });
    return { credentials, request: req };
  }

  /** The suggestion a decision is about, and its caller. */
  async function decisionChange(req: express.Request) {
    const { entityRef, roleId } = req.params;
    return [{ entityRef, roleId }, await entityChanger(req)] as const;
  }

  router.post('/entities/:entityRef/evaluation', async (req, res) => {
    res.json(
      await evaluationRefresh.refresh(
        req.params.entityRef,
        await entityChanger(req),
      ),
    );
  });

  router.put('/entities/:entityRef/decisions/:roleId', async (req, res) => {
    const [key, caller] = await decisionChange(req);
    res.json(await decisions.decide(key, req.body, caller));
  });

  router.delete('/entities/:entityRef/decisions/:roleId', async (req, res) => {
    await decisions.undo(...(await decisionChange(req)));
    res.status(204).end();
  });

  router.use(describeRequestErrors());
  router.use(publicErrors(logger));

  return router;
}
