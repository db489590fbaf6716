/** A link between a role and a group, made in the portal. */
export interface StoredRoleLink {
  roleId: string;
  /** Lower-case entity ref. */
  groupRef: string;
  createdBy: string;
  createdAt: Date;
}

/** Storage of the links between roles and groups that users make in the portal. */
export interface RoleLinkStore {
  /** Links, filtered by role ids and/or group refs; all links when no filter is given. */
  listLinks(filter?: {
    roleIds?: string[];
    groupRefs?: string[];
  }): Promise<StoredRoleLink[]>;

  /**
   * A counter that every link made or removed raises, the same for every replica. Lets a cache of
   * answers built from links tell when they are out of date.
   */
  revision(): Promise<string>;

  /** The distinct role ids that links name, retired roles included. */
  linkedRoleIds(): Promise<string[]>;

  /**
   * Makes the link unless it exists; safe to call many times at once: exactly one of concurrent
   * identical calls reports `created`. Returns the stored link and whether this call created it.
   * When concurrent unlinks remove it while it is being made, it is made again.
   */
  addLink(link: {
    roleId: string;
    groupRef: string;
    createdBy: string;
  }): Promise<{ link: StoredRoleLink; created: boolean }>;

  /** Removes the link and returns it as it was; undefined when there was none. */
  removeLink(link: {
    roleId: string;
    groupRef: string;
  }): Promise<StoredRoleLink | undefined>;
}
