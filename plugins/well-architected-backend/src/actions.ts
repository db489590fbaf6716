import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  COVERAGE_STATES,
  PILLAR_IDS,
  REVIEWER_CLOSENESS,
  SUGGESTION_CONFIDENCES,
} from 'backstage-plugin-well-architected-common';
import type { z } from 'zod/v3';
import { CoverageGaps } from './services/CoverageGaps';
import { parseEntityRefParameter } from './services/entityRefs';
import { RoleDataset } from './services/RoleDataset';
import { RoleLinkChanges } from './services/RoleLinkChanges';
import { SuggestionService } from './services/suggestions/SuggestionService';

/** The zod the actions registry hands to a schema, so that it can turn it into JSON Schema. */
type Zod = typeof z;

/** The values of a generated enum, as the tuple `z.enum` takes. */
function enumOf<T extends string>(values: ReadonlyArray<T>): [T, ...T[]] {
  const [first, ...rest] = values;
  return [first, ...rest];
}

/** A string with what it means, for the model. */
const described = (zod: Zod, description: string) =>
  zod.string().describe(description);

/** The string inputs of the actions, with what they mean. */
const STRING_INPUTS = {
  entityRef:
    'The System or Component to review, as a Backstage entity ref: kind:namespace/name, such as system:default/payments or component:default/payments-api',
  role: 'A role id such as site-reliability-engineer, or a role title or other name of the role such as "Site Reliability Engineer", in any case',
  scope:
    'A Backstage Group (its Systems and those of the Groups inside it) or Domain (its Systems), as an entity ref such as group:default/payments-team or domain:default/commerce',
  roleId:
    'The role id, such as site-reliability-engineer; get-role finds it from a title',
  groupRef:
    'The Backstage Group that holds the role, such as group:default/sre-team',
};

/** An input of some of `STRING_INPUTS`, all required. */
const strings =
  <K extends keyof typeof STRING_INPUTS>(...keys: K[]) =>
  (zod: Zod) =>
    zod.object(
      Object.fromEntries(
        keys.map(key => [key, described(zod, STRING_INPUTS[key])]),
      ) as Record<K, z.ZodString>,
    );

const pillarIds = (zod: Zod) =>
  zod
    .array(zod.enum(enumOf(PILLAR_IDS)))
    .describe('Well-Architected pillar ids, such as security or reliability');

const whoShouldReviewSchema = {
  input: strings('entityRef'),
  output: (zod: Zod) =>
    zod.object({
      entityRef: zod.string(),
      ownerRef: described(zod, 'The group that owns the entity').optional(),
      suggestions: zod
        .array(
          zod.object({
            roleId: described(
              zod,
              'The role id; get-role tells what the role does',
            ),
            roleTitle: zod.string(),
            pillarIds: pillarIds(zod).describe(
              'The pillars the role serves for this entity',
            ),
            confidence: zod
              .enum(enumOf(SUGGESTION_CONFIDENCES))
              .describe(
                'strong: two signals of the entity itself, or one heavy one; moderate: one signal of its own; weak: only inherited or related signals',
              ),
            reasons: zod
              .array(
                zod.object({
                  signal: described(
                    zod,
                    'What the rule read, such as on-call or database',
                  ),
                  message: described(zod, 'One sentence naming the evidence'),
                  entityRefs: zod
                    .array(zod.string())
                    .describe('The entities the evidence is about'),
                }),
              )
              .describe('Why the role should review the entity'),
            reviewers: zod
              .array(
                zod.object({
                  groupRef: zod.string(),
                  displayName: zod.string(),
                  closeness: zod
                    .enum(enumOf(REVIEWER_CLOSENESS))
                    .describe(
                      "Where the group sits relative to the entity's owner: the owner itself, its parent, a child, a sibling, an owner in the same domain, nearby in the organisation, or elsewhere (far away)",
                    ),
                  reason: described(zod, 'Why the group ranks where it does'),
                }),
              )
              .describe(
                'The groups that hold the role, closest to the owner first; empty when no group does (a gap)',
              ),
          }),
        )
        .describe(
          'The roles that should review the entity, most important first',
        ),
      gaps: zod
        .array(
          zod.object({
            pillarId: zod.enum(enumOf(PILLAR_IDS)),
            roleIds: zod.array(zod.string()),
          }),
        )
        .describe(
          'Per pillar, the suggested roles that no group holds: nobody to ask yet',
        ),
      uncoveredPillarIds: pillarIds(zod).describe(
        'Pillars that no suggested role serves, because nothing in the catalog pointed at them',
      ),
      evaluatedAt: described(
        zod,
        'When the suggestions were computed, in ISO 8601',
      ),
    }),
};

const getRoleSchema = {
  input: strings('role'),
  output: (zod: Zod) =>
    zod.object({
      id: zod.string(),
      title: zod.string(),
      aliases: zod.array(zod.string()).describe('Other names of the role'),
      pillarIds: pillarIds(zod).describe(
        'The pillars in which the role has responsibilities',
      ),
      responsibilities: zod
        .array(
          zod.object({
            pillarId: zod.enum(enumOf(PILLAR_IDS)),
            categoryId: described(
              zod,
              'The category within the pillar, pillar/category',
            ),
            title: described(
              zod,
              'How the Well-Architected text names the role here',
            ),
            description: described(
              zod,
              'What the role is responsible for, verbatim',
            ),
            flags: zod
              .array(zod.string())
              .describe(
                'highly-regulated-environments: optional, for highly regulated environments only',
              ),
          }),
        )
        .describe('What the role does, pillar by pillar'),
    }),
};

const count = (zod: Zod, description: string) =>
  zod.number().int().describe(description);

const listCoverageGapsSchema = {
  input: strings('scope'),
  output: (zod: Zod) =>
    zod.object({
      scopeRef: zod.string(),
      systemCount: count(zod, 'How many Systems the Group or Domain has'),
      pillars: zod
        .array(
          zod.object({
            pillarId: zod.enum(enumOf(PILLAR_IDS)),
            covered: count(
              zod,
              'Systems whose suggested roles in the pillar all have a reviewer group',
            ),
            partly: count(zod, 'Systems where some of them have one'),
            gap: count(zod, 'Systems where none of them has one'),
            notNeeded: count(
              zod,
              'Systems for which no role is suggested in the pillar',
            ),
            systems: zod
              .array(
                zod.object({
                  entityRef: zod.string(),
                  name: zod.string(),
                  state: zod.enum(enumOf(COVERAGE_STATES)),
                  missingRoleIds: zod
                    .array(zod.string())
                    .describe(
                      'The suggested roles that no group holds; get-role tells what they do',
                    ),
                }),
              )
              .describe('The Systems with gaps in the pillar, most first'),
          }),
        )
        .describe('Per Well-Architected pillar, the gaps of the Systems'),
    }),
};

const linkRoleToGroupSchema = {
  input: strings('roleId', 'groupRef'),
  output: (zod: Zod) =>
    zod.object({
      created: zod
        .boolean()
        .describe('false when the link existed already; nothing changed then'),
      groupRef: zod.string(),
      displayName: zod.string(),
      sources: zod
        .array(zod.enum(['catalog', 'portal']))
        .describe(
          "Where the link comes from: the Group's catalog annotation, the portal, or both",
        ),
      portalLink: zod
        .object({ createdBy: zod.string(), createdAt: zod.string() })
        .optional(),
    }),
};

type OutputOf<T extends { output: (zod: Zod) => z.ZodTypeAny }> = z.infer<
  ReturnType<T['output']>
>;

type SuggestionsAnswer = Awaited<ReturnType<SuggestionService['suggest']>>;

/** What who-should-review answers of the suggestions: what a model needs to name reviewers. */
function toReviewAnswer(
  answer: SuggestionsAnswer,
): OutputOf<typeof whoShouldReviewSchema> {
  const { entityRef, ownerRef, gaps, uncoveredPillarIds, evaluatedAt } = answer;
  return {
    entityRef,
    ownerRef,
    suggestions: answer.suggestions.map(s => ({
      roleId: s.roleId,
      roleTitle: s.roleTitle,
      pillarIds: s.pillarIds,
      confidence: s.confidence,
      reasons: s.reasons.map(({ signal, message, entityRefs }) => ({
        signal,
        message,
        entityRefs,
      })),
      reviewers: s.reviewers.map(
        ({ groupRef, displayName, closeness, reason }) => ({
          groupRef,
          displayName,
          closeness,
          reason,
        }),
      ),
    })),
    gaps,
    uncoveredPillarIds,
    evaluatedAt,
  };
}

/**
 * What a model reads of each action: its name, a title, and a description of what it answers and
 * when to use it.
 */
const ABOUT = {
  'who-should-review': {
    title: 'Who should review a System or Component',
    description: [
      'Suggests which Well-Architected roles (such as Site Reliability Engineer or Security Architect) should review a Backstage System or Component, why each role is suggested, and which teams (Backstage Groups) hold each role, closest to the owner first.',
      'Use it when someone asks who should review a design, a change or an architecture, or which teams to involve.',
      'The gaps list the roles that no team holds yet. Only what the caller may read in the catalog is named.',
    ].join(' '),
  },
  'get-role': {
    title: 'Get a Well-Architected role',
    description: [
      'Describes one Well-Architected role: its title, other names, and its responsibilities in each pillar (Operational Excellence, Security, Reliability, Performance Efficiency, Cost Optimization, Sustainability), in the words of the Well-Architected role catalogue.',
      'Give a role id or a role name; use it to explain what a role suggested by who-should-review does.',
    ].join(' '),
  },
  'list-coverage-gaps': {
    title: 'List the review gaps of a team or domain',
    description: [
      'Lists, per Well-Architected pillar, the Systems of a Backstage Group (or a Domain) for which a role is suggested that no team holds: nobody to review that side of the System yet.',
      'Use it when someone asks where their team or domain lacks reviewers, or which roles to staff or link to a Group first. Systems whose owners dismissed a suggestion are not counted for that role.',
      'Only what the caller may read in the catalog is counted or named.',
    ].join(' '),
  },
  'link-role-to-group': {
    title: 'Record that a team holds a Well-Architected role',
    description: [
      'Records in the portal that a Backstage Group holds a Well-Architected role, so that who-should-review names the group as a reviewer for that role.',
      'This changes data that other people see: only do it when the user asked for this link. It is idempotent, and allowed only to those whom the permission policy lets change the roles of that Group.',
    ].join(' '),
  },
};

/** An action's name, title and description. */
const about = (name: keyof typeof ABOUT) => ({ name, ...ABOUT[name] });

/** The attributes of an action that only reads. */
const READS_ONLY = { readOnly: true, idempotent: true };

/**
 * Registers the plugin's actions, which the MCP actions backend offers to AI agents as tools.
 * They answer from the same services as the HTTP API, with the caller's credentials.
 */
export function registerActions(options: {
  actionsRegistry: ActionsRegistryService;
  roleDataset: RoleDataset;
  suggestions: Pick<SuggestionService, 'suggest'>;
  coverageGaps: Pick<CoverageGaps, 'gapsOf'>;
  linkChanges: RoleLinkChanges;
}): void {
  const { actionsRegistry, roleDataset, suggestions, linkChanges } = options;
  const { coverageGaps } = options;

  actionsRegistry.register({
    ...about('who-should-review'),
    attributes: READS_ONLY,
    schema: whoShouldReviewSchema,
    action: async ({ input, credentials }) => ({
      output: toReviewAnswer(
        await suggestions.suggest(
          parseEntityRefParameter(input.entityRef),
          credentials,
        ),
      ),
    }),
  });

  actionsRegistry.register({
    ...about('get-role'),
    attributes: READS_ONLY,
    schema: getRoleSchema,
    action: async ({ input }) => {
      const dataset = await roleDataset.current();
      const role = dataset.findRole(input.role);
      if (!role) {
        const near = dataset
          .listRoles({ q: input.role, limit: 5 })
          .items.map(r => `${r.title} (${r.id})`);
        throw new NotFoundError(
          `No Well-Architected role '${input.role.slice(0, 100)}'${
            near.length > 0 ? `; roles that mention it: ${near.join(', ')}` : ''
          }`,
        );
      }
      const { id, title, aliases, responsibilities } = role;
      return {
        output: {
          id,
          title,
          aliases,
          pillarIds: role.pillarIds,
          responsibilities: responsibilities.map(
            ({ pillarId, categoryId, title: named, description, flags }) => ({
              pillarId,
              categoryId,
              title: named,
              description,
              flags,
            }),
          ),
        },
      };
    },
  });

  actionsRegistry.register({
    ...about('list-coverage-gaps'),
    attributes: READS_ONLY,
    schema: listCoverageGapsSchema,
    action: async ({ input, credentials }) => ({
      output: await coverageGaps.gapsOf(input.scope, credentials),
    }),
  });

  actionsRegistry.register({
    ...about('link-role-to-group'),
    attributes: { destructive: true, idempotent: true },
    schema: linkRoleToGroupSchema,
    action: async ({ input, credentials }) => {
      const { holder, created } = await linkChanges.link(input, credentials);
      return { output: { created, ...holder } };
    },
  });
}
