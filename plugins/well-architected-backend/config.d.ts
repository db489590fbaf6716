import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Well-Architected roles plugins. */
  wellArchitected?: {
    /**
     * How long a read of the catalog may take before the request that needs it answers 503
     * (suggestions, the groups that hold a role, a Group's roles, linking), or, for a page read by
     * the background evaluation, before the round gives up and keeps the previous results. A duration string such
     * as `5s` or `PT5S`, or an object such as `{ seconds: 5 }`. Default: 10 seconds.
     */
    catalogTimeout?: string | HumanDuration;
    /**
     * The background evaluation of the catalog: a scheduled task reads the catalog with the
     * plugin's own credentials and keeps the suggested roles of every System and Component in the
     * plugin's database; requests are answered from them. A catalog change reaches suggestions
     * within `frequency` plus one round.
     */
    evaluation?: {
      /** How often a round starts. Default: 5 minutes. */
      frequency?: string | HumanDuration;
      /** How long a round may run before the scheduler gives it up. Default: 30 minutes. */
      timeout?: string | HumanDuration;
      /** How long after start the first round waits. Default: 10 seconds. */
      initialDelay?: string | HumanDuration;
      /**
       * How long after a round that found the catalog changing (results written or removed, a
       * new organisation) or without any System or Component another round runs, instead of
       * waiting for `frequency`: a round that ran while the catalog was still processing its
       * entities is followed until the catalog settles, up to 20 rounds in a row. Default: 30
       * seconds.
       */
      followUpDelay?: string | HumanDuration;
      /**
       * Into how many tasks the work is split; with several replicas on one database each task
       * runs on one replica at a time, so replicas share the work. Each task reads the whole
       * catalog and evaluates its share. A whole number from 1 to 64. Default: 1.
       */
      shards?: number;
      /** How many entities each catalog request of a round asks for. From 10 to 10000. Default: 500. */
      pageSize?: number;
    };
    /** Coverage across the organisation (`GET /coverage`, the Coverage tab). */
    coverage?: {
      /**
       * The daily snapshot of coverage counts (per pillar, for every System, each owner Group and
       * each Domain) that the trend is drawn from. A scheduled task takes it once a day, on one
       * replica, with the plugin's own view of the catalog.
       */
      history?: {
        /**
         * How many days snapshots are kept; older ones are removed when the next is taken. A
         * whole number from 1 to 3660. Default: 400.
         */
        retentionDays?: number;
      };
    };
    /** Notifications sent through the notifications backend (`@backstage/plugin-notifications-backend`). */
    notifications?: {
      /**
       * When an evaluation round finds that a System gained a suggested role that no Group holds
       * (and that nobody accepted or dismissed), the System's owner Group is sent one notification
       * with a link to the System's page, with the scope `well-architected:gap:<entityRef>:<roleId>`.
       * A gap that stays is not told again; a System new to the catalog gains all its roles; the
       * first round of a shard over an empty evaluation tells nobody.
       */
      newGaps?: {
        /**
         * Whether owners are told about new gaps. Default: false. Needs the notifications backend
         * in the same Backstage; without it, each notification fails with a warning in the log.
         */
        enabled?: boolean;
        /**
         * Only gaps in these pillars are told, by pillar id (`operational-excellence`, `security`,
         * `reliability`, `performance-efficiency`, `cost-optimization`, `sustainability`).
         * Default: every pillar.
         */
        pillars?: string[];
      };
    };
    /** The reviewers suggested for Systems and Components. */
    reviewers?: {
      /**
       * How many members of a reviewer group `GET /groups/{groupRef}/members` lists, the first by
       * display name; the answer gives the group's total as well, and the group's page lists them
       * all. A whole number from 0 to 1000. Default: 10.
       */
      maxMembersPerGroup?: number;
      /**
       * How many steps through the Group hierarchy (`parentOf`/`childOf`, either way) a reviewer
       * group may be from the owner and still rank as `nearby`; past them it ranks `elsewhere`
       * and says it is far away. A sibling is 2 steps, a cousin 4. From 0 to 100. Default: 4.
       */
      nearbySteps?: number;
      /**
       * Users that are no person to ask, as full refs: never listed as members of a reviewer
       * group, and a group with no other members is no reviewer. Default:
       * `user:default/guest` and `user:development/guest`, the guest of Backstage's guest sign-in.
       */
      notPeople?: string[];
    };
    /** Who may change the links between roles and Groups, besides what the permission policy says. */
    roleLinks?: {
      /**
       * Whether service principals (other backend plugins, external access tokens) may link and
       * unlink roles. Default: false, only users may. When true, a service's request is still
       * decided by the permission policy, and a service with access restrictions in
       * `backend.auth.externalAccess` must be allowed the `well-architected` plugin and the
       * `well-architected.role-link.*` permissions there.
       */
      allowServicePrincipals?: boolean;
    };
    /**
     * Tuning of the rules that suggest roles for Systems and Components. Checked at start: a key
     * that is unknown, a rule id or role id that does not exist, or a malformed rule stops the
     * backend with a message that names the key.
     */
    suggestions?: {
      /**
       * Ids of rules that should not run: default rules (for example `on-call`), rules added by
       * backend modules, or rules declared below.
       */
      disabledRules?: string[];
      /**
       * A new weight for a rule, by rule id. A rule adds its weight to the score of each role it
       * suggests when it fires; suggestions are ordered by score. Must be above 0.
       */
      weights?: { [ruleId: string]: number };
      /**
       * Rules of your own. A rule fires when one entity among the System or Component, its parts,
       * the Resources they depend on and the APIs they provide meets every entity criterion
       * given; when `resourceTypes` is given, one of those Resources has such a type; and when
       * `signals` is given, one of those signals was read.
       */
      rules?: Array<{
        /** A new rule id: lower-case words joined by hyphens, like `grpc-services`. */
        id: string;
        /** The criteria; give at least one. Within a list any value matches (case-insensitive). */
        match: {
          /** Entity kinds, like `Component` or `API`. */
          kind?: string[];
          /** Values of `spec.type`, like `service` or `grpc`. */
          type?: string[];
          /** Values of `spec.lifecycle`, like `production`. */
          lifecycle?: string[];
          /** Tags; the entity needs one of them. */
          tags?: string[];
          /** Annotation keys; the entity needs all of them, with a value. */
          annotations?: string[];
          /** Resource types, like `database` or `redis`, that the entity must depend on or contain. */
          resourceTypes?: string[];
          /**
           * Signals by name, like `regulated`, `data-warehouse` or `internal-only`; one of them
           * must have been read from the entity or its neighbourhood (its System, parts,
           * Resources, APIs and dependencies) through the vocabulary, whatever the spelling in
           * the catalog. The backend README lists the signals; an unknown name stops the start.
           */
          signals?: string[];
        };
        /** The id of the role to suggest, as in `GET /api/well-architected/roles`. */
        role: string;
        /**
         * The pillar the role serves for this signal: operational-excellence, security,
         * reliability, performance-efficiency, cost-optimization or sustainability.
         */
        pillar: string;
        /**
         * The reason users read, naming the evidence. `{entities}` becomes the names of the
         * matching entities and `{count}` their number.
         */
        message: string;
        /** How much the rule adds to the role's score when it fires. Defaults to 1. */
        weight?: number;
      }>;
      /**
       * More spellings for the signal vocabulary that the default rules read (the backend README
       * lists the defaults). Config only adds; it cannot remove a default spelling. Values are
       * compared in lower case.
       */
      vocabulary?: {
        /**
         * Annotation keys and the signal each gives: on-call, monitoring, error-tracking,
         * security-scanning, code-quality, gitops-delivery, source-and-ci, kubernetes, serverless,
         * web-performance, secrets, cost-allocation or documentation. A key ending in `/` or `.`
         * matches every key that starts with it.
         */
        annotations?: Array<{
          /** The annotation key, like `acme.com/oncall-rota`. */
          key: string;
          /** The signal it gives, like `on-call`. */
          signal: string;
          /** The tool's name as people know it, shown in reasons, like `Acme Rota`. */
          tool: string;
        }>;
        /**
         * More tags per signal: regulated, personal-data, business-critical, internet-facing,
         * internal-only, change-controlled, public-contract (read on APIs), data-processing,
         * identity, card-data, latency-critical, multi-region, analytics, build-infrastructure,
         * special-category-data, data-sharing, accessibility, self-hosted, audit-trail,
         * machine-learning, critical-infrastructure, connected-devices, network-edge or
         * risk-management.
         */
        tags?: { [signal: string]: string[] };
        /**
         * More annotation keys whose value lists tags, separated by commas or spaces, like
         * `acme.io/regulatory: gdpr,sox`; each listed word is read as a tag. The key also matches
         * as the last segment of a prefixed key.
         */
        tagListAnnotations?: string[];
        /**
         * Label keys and the values that give a signal, like `{ key: tier, values: [gold] }`. The
         * key also matches as the last segment of a prefixed key (`tier` matches `acme.io/tier`),
         * and a value with a qualifier after a hyphen (`on-prem` matches `on-prem-dc2`).
         */
        labels?: Array<{
          /** The label key. */
          key: string;
          /** The values that give the signal. */
          values: string[];
          /** One of the tag signals above. */
          signal: string;
        }>;
        /**
         * More Component `spec.type` values per kind of Component: service, website, worker, job,
         * function, client (an app on people's devices) or library. A running workload (not a
         * client or library) with a production lifecycle gets the production roles.
         */
        componentTypes?: { [family: string]: string[] };
        /**
         * More Resource `spec.type` values per kind of infrastructure (database, data-warehouse,
         * cache, object-storage, messaging, compute-cluster or file-transfer), each with the
         * product name shown in reasons, like `{ database: { tidb: TiDB } }`. A database is an
         * operational store (administered, backed up); a data-warehouse is an analytics copy
         * (governed); a file-transfer endpoint (SFTP) moves files across the boundary.
         */
        resourceTypes?: { [family: string]: { [type: string]: string } };
        /**
         * More `spec.lifecycle` values per meaning: production, limited-release (live for a
         * limited group of real users, like a pilot), experimental or deprecated.
         */
        lifecycles?: { [meaning: string]: string[] };
      };
    };
  };
}
