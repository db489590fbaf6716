import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  PortalLink,
  RoleHolder,
  roleLinkCreatePermission,
  roleLinkDeletePermission,
} from 'backstage-plugin-well-architected-common';
import { auditedChange } from './auditedChange';
import { RoleLinkPermissions } from './RoleLinkPermissions';
import { LinkTarget, RoleLinkService } from './RoleLinkService';

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** The link a change names, as the caller wrote it. */
export interface LinkChangeRequest {
  roleId: string;
  groupRef: string;
}

/** Who made a change: the user's entity ref, or the calling service. */
export function actorRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal;
  return principal.type === 'user'
    ? principal.userEntityRef
    : `service:${principal.subject}`;
}

/**
 * Changes of role links, whoever asks for them (the HTTP API or an action): the caller's kind of
 * principal checked, the role and the Group looked up with the caller's credentials (a Group they
 * cannot read is not found, before anything is written), the link authorized, and the change
 * recorded with the auditor whatever the outcome.
 */
export class RoleLinkChanges {
  /**
   * The principals that may change links: users, and services where the operator allows them
   * (`wellArchitected.roleLinks.allowServicePrincipals`). The framework lets through every service
   * principal that has no access restrictions, so an external access token would change links
   * whatever the policy says.
   */
  readonly principals: Array<'user' | 'service'>;

  constructor(
    private readonly options: {
      auditor: AuditorService;
      roleLinks: RoleLinkService;
      linkPermissions: RoleLinkPermissions;
      allowServicePrincipals: boolean;
    },
  ) {
    this.principals = options.allowServicePrincipals
      ? ['user', 'service']
      : ['user'];
  }

  /** Makes a portal link, idempotently. `request` is the HTTP request, when there is one. */
  async link(
    change: LinkChangeRequest,
    credentials: BackstageCredentials,
    request?: AuditorServiceCreateEventOptions['request'],
  ): Promise<{ holder: RoleHolder; created: boolean }> {
    return this.change(
      change,
      credentials,
      request,
      'role-link-create',
      roleLinkCreatePermission,
      async (target, actor) => {
        const made = await this.options.roleLinks.link(target, actor);
        return {
          result: made,
          audit: { outcome: made.created ? 'created' : 'already-existed' },
        };
      },
    );
  }

  /** Removes a portal link and returns it. */
  async unlink(
    change: LinkChangeRequest,
    credentials: BackstageCredentials,
    request?: AuditorServiceCreateEventOptions['request'],
  ): Promise<PortalLink> {
    return this.change(
      change,
      credentials,
      request,
      'role-link-delete',
      roleLinkDeletePermission,
      async target => {
        const removed = await this.options.roleLinks.unlink(target);
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
  }

  /** Throws NotAllowedError unless `credentials` are of a principal that may change links. */
  private allowedPrincipal(credentials: BackstageCredentials): Credentials {
    const { type } = credentials.principal as { type?: string };
    if (!this.principals.some(allowed => allowed === type)) {
      throw new NotAllowedError(
        `Role links may not be changed with '${type}' credentials; ${
          this.options.allowServicePrincipals
            ? 'only users and services'
            : 'only users (services where wellArchitected.roleLinks.allowServicePrincipals is set)'
        } may change them`,
      );
    }
    return credentials as Credentials;
  }

  /**
   * `mutate` returns its result and what the audit event records of it. The event names the actor
   * in its metadata: an action is not an HTTP request from which the auditor could read it.
   */
  private async change<T>(
    { roleId, groupRef }: LinkChangeRequest,
    anyCredentials: BackstageCredentials,
    request: AuditorServiceCreateEventOptions['request'],
    eventId: string,
    permission: ResourcePermission,
    mutate: (
      target: LinkTarget,
      actor: string,
    ) => Promise<{ result: T; audit: Record<string, string | boolean> }>,
  ): Promise<T> {
    const credentials = this.allowedPrincipal(anyCredentials);
    const actor = actorRef(credentials);
    const { auditor, roleLinks, linkPermissions } = this.options;
    return auditedChange(
      auditor,
      { eventId, request, meta: { roleId, groupRef, actor } },
      async () => {
        const target = await roleLinks.target(roleId, groupRef, credentials);
        await linkPermissions.authorize(
          permission,
          target.resource,
          credentials,
        );
        const { result, audit } = await mutate(target, actor);
        const meta = { roleId: target.roleId, groupRef: target.groupRef };
        return { result, meta: { ...meta, ...audit } };
      },
    );
  }
}
