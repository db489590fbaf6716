/** A portal link between the SRE role and the SRE team, as the store tests make it. */
export const sreLink = {
  roleId: 'site-reliability-engineer',
  groupRef: 'group:default/sre-team',
  createdBy: 'user:default/alice',
};
