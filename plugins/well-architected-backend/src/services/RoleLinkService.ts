import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_OWNED_BY,
  isGroupEntity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { RoleLinkResource } from 'backstage-plugin-well-architected-node';
import {
  GroupRolesResponse,
  HeldRole,
  PortalLink,
  ROLES_ANNOTATION,
  RoleGroupsResponse,
  RoleHolder,
  RoleLinkSource,
  parseRoleLinkResourceRef,
} from 'backstage-plugin-well-architected-common';
import { RoleLinkStore, StoredRoleLink } from '../database/RoleLinkStore';
import { CatalogReads } from './boundedCatalog';
import { GROUP_FIELDS, NAME_FIELDS } from './entityFields';
import { isRefOfKind } from './entityRefs';
import { RoleDataset } from './RoleDataset';

/** A group that holds a role, with its catalog entity when the caller may see it. */
export interface Holder {
  groupRef: string;
  entity?: Entity;
  sources: RoleLinkSource[];
  portalLink?: PortalLink;
}

/**
 * The link a change is about: a known role and a Group the caller can read, with what permission
 * rules see of it.
 */
export interface LinkTarget {
  roleId: string;
  groupRef: string;
  group: Entity;
  resource: RoleLinkResource;
}

/** How a group holds one role. */
interface HeldEntry {
  sources: RoleLinkSource[];
  portalLink?: PortalLink;
}

/** The catalog's own rules for namespaces and entity names. */
const catalogNames = makeValidator();

/** Lower-case full ref, so that refs compare equal however they were written. */
export function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en');
}

/** The display name of a Group or User: profile name, then title, then name. */
export function displayName(entity: Entity | undefined, ref: string): string {
  const profile = entity?.spec?.profile as { displayName?: string } | undefined;
  return (
    profile?.displayName ??
    entity?.metadata.title ??
    entity?.metadata.name ??
    parseEntityRef(ref).name
  );
}

/** Role ids in a Group's annotation: separated by commas or white space, lower-cased. */
export function annotatedRoleIds(group: Entity): string[] {
  return [
    ...new Set(
      (group.metadata.annotations?.[ROLES_ANNOTATION] ?? '')
        .split(/[\s,]+/)
        .map(id => id.trim().toLocaleLowerCase('en'))
        .filter(Boolean),
    ),
  ];
}

function toPortalLink(link: StoredRoleLink): PortalLink {
  return { createdBy: link.createdBy, createdAt: link.createdAt.toISOString() };
}

function byDisplayName(a: RoleHolder, b: RoleHolder) {
  return (
    a.displayName.localeCompare(b.displayName, 'en') ||
    a.groupRef.localeCompare(b.groupRef)
  );
}

/**
 * Links between roles and groups, from two sources merged: the `well-architected/roles`
 * annotation of Group entities (read with the caller's credentials) and the portal links in the
 * plugin's database.
 */
export class RoleLinkService {
  /** Unknown role ids already logged, so that each is logged once per process. */
  private readonly reportedUnknown = new Set<string>();

  constructor(
    private readonly options: {
      store: RoleLinkStore;
      catalog: CatalogReads;
      roleDataset: RoleDataset;
      logger: LoggerService;
    },
  ) {}

  /**
   * The groups that hold each of the given roles. Reads the annotated Groups and the portal links
   * at once, then, in one more request, the Groups only portal links name.
   */
  async holdersOf(
    roleIds: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Holder[]>> {
    const [annotated, links] = await Promise.all([
      this.options.catalog.getEntities(
        {
          filter: {
            kind: 'group',
            [`metadata.annotations.${ROLES_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
          },
          fields: NAME_FIELDS,
        },
        { credentials },
      ),
      this.options.store.listLinks({ roleIds }),
    ]);
    const groups = new Map(
      annotated.items.map(g => [stringifyEntityRef(g), g]),
    );
    const portalOnly = [...new Set(links.map(l => l.groupRef))].filter(
      ref => !groups.has(ref),
    );
    for (const group of await this.readGroups(portalOnly, credentials)) {
      groups.set(stringifyEntityRef(group), group);
    }
    await this.reportUnknown([...groups.values()]);

    const holders = new Map<string, Map<string, Holder>>(
      roleIds.map(id => [id, new Map()]),
    );
    const holder = (roleId: string, groupRef: string) => {
      const byGroup = holders.get(roleId)!;
      const found = byGroup.get(groupRef) ?? {
        groupRef,
        entity: groups.get(groupRef),
        sources: [],
      };
      byGroup.set(groupRef, found);
      return found;
    };
    for (const [groupRef, group] of groups) {
      for (const roleId of annotatedRoleIds(group)) {
        if (holders.has(roleId)) {
          holder(roleId, groupRef).sources.push('catalog');
        }
      }
    }
    // A portal link to a Group the caller cannot read is left out: its ref, who made it and when
    // would name an entity that the catalog hides from them.
    for (const link of links.filter(l => groups.has(l.groupRef))) {
      const found = holder(link.roleId, link.groupRef);
      found.sources.push('portal');
      found.portalLink = toPortalLink(link);
    }
    return new Map(
      [...holders].map(([roleId, byGroup]) => [roleId, [...byGroup.values()]]),
    );
  }

  /** `GET /roles/:roleId/groups` */
  async groupsForRole(
    roleId: string,
    credentials: BackstageCredentials,
  ): Promise<RoleGroupsResponse> {
    await this.requireRole(roleId);
    const holders = (await this.holdersOf([roleId], credentials)).get(roleId)!;
    return {
      roleId,
      items: holders
        .map(
          ({ entity, ...rest }): RoleHolder => ({
            ...rest,
            displayName: displayName(entity, rest.groupRef),
          }),
        )
        .sort(byDisplayName),
    };
  }

  /** `GET /groups/:groupRef/roles` */
  async rolesForGroup(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<GroupRolesResponse> {
    const ref = this.parseGroupRef(groupRef);
    const group = await this.readGroup(ref, credentials);
    const [links, roleDataset] = await Promise.all([
      this.options.store.listLinks({ groupRefs: [ref] }),
      this.options.roleDataset.current(),
    ]);
    const held = new Map<string, HeldEntry>();
    for (const roleId of annotatedRoleIds(group)) {
      held.set(roleId, { sources: ['catalog'] });
    }
    for (const link of links) {
      const entry = held.get(link.roleId) ?? { sources: [] };
      entry.sources.push('portal');
      entry.portalLink = toPortalLink(link);
      held.set(link.roleId, entry);
    }
    await this.reportUnknown([group]);
    const known = [...held].filter(([roleId]) => roleDataset.hasRole(roleId));
    return {
      groupRef: ref,
      items: known
        .map(([roleId, entry]): HeldRole => {
          const role = roleDataset.getRole(roleId)!;
          return {
            roleId,
            roleTitle: role.title,
            pillarIds: role.pillarIds,
            ...entry,
          };
        })
        .sort((a, b) => a.roleTitle.localeCompare(b.roleTitle, 'en')),
      unknownRoleIds: [...held.keys()]
        .filter(roleId => !roleDataset.hasRole(roleId))
        .sort(),
    };
  }

  /**
   * The link a change is about, read with the caller's credentials: 404 for an unknown role, and
   * for a Group that does not exist or that the caller cannot read, alike, before anything is
   * written.
   */
  async target(
    roleId: string,
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<LinkTarget> {
    await this.requireRole(roleId);
    const ref = this.parseGroupRef(groupRef);
    const group = await this.readGroup(ref, credentials);
    return {
      roleId,
      groupRef: ref,
      group,
      resource: await this.toResource(roleId, ref, group),
    };
  }

  /**
   * The links named by permission resource refs (see `roleLinkResourceRef`), for the permission
   * framework: undefined for a ref that names no known role or no Group visible to `credentials`.
   */
  async resources(
    resourceRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<RoleLinkResource | undefined>> {
    const roleDataset = await this.options.roleDataset.current();
    const parsed = resourceRefs.map(resourceRef => {
      const link = parseRoleLinkResourceRef(resourceRef);
      if (!link || !roleDataset.hasRole(link.roleId)) {
        return undefined;
      }
      try {
        return {
          roleId: link.roleId,
          groupRef: this.parseGroupRef(link.groupRef),
        };
      } catch {
        return undefined;
      }
    });
    const groupRefs = [
      ...new Set(parsed.flatMap(link => (link ? [link.groupRef] : []))),
    ];
    const groups = new Map(
      (await this.readGroups(groupRefs, credentials, GROUP_FIELDS)).map(g => [
        stringifyEntityRef(g),
        g,
      ]),
    );
    return Promise.all(
      parsed.map(link => {
        const group = link && groups.get(link.groupRef);
        return link && group
          ? this.toResource(link.roleId, link.groupRef, group)
          : undefined;
      }),
    );
  }

  /** `PUT /roles/:roleId/groups/:groupRef`: makes a portal link, idempotently. */
  async link(
    { roleId, groupRef, group }: LinkTarget,
    createdBy: string,
  ): Promise<{ holder: RoleHolder; created: boolean }> {
    const { link, created } = await this.options.store.addLink({
      roleId,
      groupRef,
      createdBy,
    });
    return {
      created,
      holder: {
        groupRef,
        displayName: displayName(group, groupRef),
        sources: annotatedRoleIds(group).includes(roleId)
          ? ['catalog', 'portal']
          : ['portal'],
        portalLink: toPortalLink(link),
      },
    };
  }

  /**
   * `DELETE /roles/:roleId/groups/:groupRef`: removes a portal link and returns it. A link that
   * only the catalog makes cannot be removed here.
   */
  async unlink({ roleId, groupRef, group }: LinkTarget): Promise<PortalLink> {
    const removed = await this.options.store.removeLink({ roleId, groupRef });
    if (removed) {
      return toPortalLink(removed);
    }
    if (annotatedRoleIds(group).includes(roleId)) {
      throw new ConflictError(
        `The link of '${roleId}' to '${groupRef}' comes from the catalog: remove '${roleId}' from the ${ROLES_ANNOTATION} annotation in the Group's YAML`,
      );
    }
    throw new NotFoundError(
      `Group '${groupRef}' holds no role '${roleId}' through a portal link`,
    );
  }

  /**
   * Logs the roles that portal links name but the loaded dataset no longer has. Such links are
   * kept (a later dataset may bring the role back, and they record what users decided); the
   * Group's roles list them as unknown role ids, and an unlink removes them.
   */
  async reportRetiredLinks(): Promise<void> {
    const [linked, roleDataset] = await Promise.all([
      this.options.store.linkedRoleIds(),
      this.options.roleDataset.current(),
    ]);
    const retired = linked.filter(roleId => !roleDataset.hasRole(roleId));
    if (retired.length > 0) {
      this.options.logger.warn(
        `Portal links name roles that the loaded dataset does not have: ${retired.join(
          ', ',
        )}. The links are kept; each Group's roles list them as unknownRoleIds until they are unlinked`,
      );
    }
  }

  /**
   * A group ref in full and lower case. Accepts `name`, `namespace/name` and `group:namespace/name`;
   * anything but a Group is refused.
   */
  parseGroupRef(groupRef: string): string {
    let parsed: CompoundEntityRef | undefined;
    try {
      parsed = parseEntityRef(groupRef, {
        defaultKind: 'group',
        defaultNamespace: DEFAULT_NAMESPACE,
      });
    } catch {
      // Not an entity ref at all: refused below, with the names the catalog would refuse.
    }
    // A namespace or name that the catalog would refuse names no Group, and is refused before it
    // reaches a query: PostgreSQL rejects a NUL byte in text, MySQL a value longer than the column.
    if (
      !parsed ||
      !catalogNames.isValidNamespace(parsed.namespace) ||
      !catalogNames.isValidEntityName(parsed.name)
    ) {
      throw new InputError(
        `Invalid group ref '${groupRef.slice(
          0,
          100,
        )}': a group ref looks like group:default/sre-team`,
      );
    }
    if (!isRefOfKind(parsed, 'group')) {
      throw new InputError(
        `'${groupRef.slice(
          0,
          100,
        )}' is not a Group; roles are linked to Groups, like group:default/sre-team`,
      );
    }
    return stringifyEntityRef(parsed);
  }

  /**
   * Entities by ref, in one request, with their names and relations or the given fields; refs the
   * caller cannot see are left out.
   */
  private async readEntities(
    refs: string[],
    credentials: BackstageCredentials,
    fields: string[] = GROUP_FIELDS,
  ): Promise<Entity[]> {
    if (refs.length === 0) {
      return [];
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields },
      { credentials },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }

  private async readGroups(
    refs: string[],
    credentials: BackstageCredentials,
    fields: string[] = NAME_FIELDS,
  ) {
    return (await this.readEntities(refs, credentials, fields)).filter(
      isGroupEntity,
    );
  }

  /** One Group with its relations; 404 when it does not exist or the caller cannot read it. */
  async readGroup(ref: string, credentials: BackstageCredentials) {
    const [group] = await this.readGroups([ref], credentials, GROUP_FIELDS);
    if (!group) {
      throw new NotFoundError(
        `No Group '${ref}' in the catalog, or you may not see it`,
      );
    }
    return group;
  }

  private async toResource(
    roleId: string,
    groupRef: string,
    group: Entity,
  ): Promise<RoleLinkResource> {
    const role = (await this.options.roleDataset.current()).getRole(roleId);
    return {
      roleId,
      pillarIds: role.pillarIds,
      groupRef,
      groupOwnerRefs: (group.relations ?? [])
        .filter(r => r.type === RELATION_OWNED_BY)
        .map(r => normalizeRef(r.targetRef)),
    };
  }

  private async requireRole(roleId: string) {
    if (!(await this.options.roleDataset.current()).hasRole(roleId)) {
      throw new NotFoundError(
        `No role '${roleId}'; GET /api/well-architected/roles lists the role ids`,
      );
    }
  }

  private async reportUnknown(groups: Entity[]) {
    const roleDataset = await this.options.roleDataset.current();
    for (const group of groups) {
      const ref = stringifyEntityRef(group);
      for (const roleId of annotatedRoleIds(group)) {
        const key = `${ref} ${roleId}`;
        if (!roleDataset.hasRole(roleId) && !this.reportedUnknown.has(key)) {
          this.reportedUnknown.add(key);
          this.options.logger.warn(
            `Group ${ref} names role '${roleId}' in its ${ROLES_ANNOTATION} annotation, but the dataset has no such role; the entry is ignored`,
          );
        }
      }
    }
  }
}
