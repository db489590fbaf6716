import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionRuleset,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import { roleLinkCreatePermission } from 'backstage-plugin-well-architected-common';
import {
  RoleLinkQuery,
  RoleLinkResource,
  createRoleLinkConditionalDecision,
  roleLinkConditions,
  roleLinkPermissionRules,
} from './permissions';

/** The rules as the permission framework looks them up by name in a conditional decision. */
const ruleset: PermissionRuleset<RoleLinkResource, RoleLinkQuery> = {
  getRuleByName(name) {
    const rule = Object.values(roleLinkPermissionRules).find(
      r => r.name === name,
    );
    if (!rule) {
      throw new Error(`no rule ${name}`);
    }
    return rule as ReturnType<
      PermissionRuleset<RoleLinkResource, RoleLinkQuery>['getRuleByName']
    >;
  },
};
const authorize = createConditionAuthorizer(ruleset);

/** Whether a policy's conditions allow linking `resource`. */
function allows(
  conditions: Parameters<typeof createRoleLinkConditionalDecision>[1],
  resource: RoleLinkResource,
) {
  const decision = createRoleLinkConditionalDecision(
    roleLinkCreatePermission,
    conditions,
  );
  expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  return authorize(decision, resource);
}

const sreLink: RoleLinkResource = {
  roleId: 'site-reliability-engineer',
  pillarIds: ['operational-excellence', 'reliability'],
  groupRef: 'group:default/sre-team',
  groupOwnerRefs: ['group:default/platform'],
};
const securityLink: RoleLinkResource = {
  roleId: 'security-architect',
  pillarIds: ['security'],
  groupRef: 'group:default/payments-team',
  groupOwnerRefs: [],
};

describe('role link permission rules', () => {
  it('IS_GROUP_MEMBER_OR_OWNER allows the Groups of the claims and the Groups they own, in any case', () => {
    const member = roleLinkConditions.isGroupMemberOrOwner({
      claims: ['user:default/guest', 'Group:default/SRE-team'],
    });
    expect(allows(member, sreLink)).toBe(true);
    expect(allows(member, securityLink)).toBe(false);
    const owner = roleLinkConditions.isGroupMemberOrOwner({
      claims: ['group:default/platform'],
    });
    expect(allows(owner, sreLink)).toBe(true);
    expect(allows(owner, securityLink)).toBe(false);
  });

  it('IS_ROLE allows the links of the given roles only', () => {
    const sre = roleLinkConditions.isRole({
      roleIds: ['site-reliability-engineer', 'technical-writer'],
    });
    expect(allows(sre, sreLink)).toBe(true);
    expect(allows(sre, securityLink)).toBe(false);
  });

  it('HAS_PILLAR allows the links of roles that serve one of the pillars', () => {
    const security = roleLinkConditions.hasPillar({ pillarIds: ['security'] });
    expect(allows(security, securityLink)).toBe(true);
    expect(allows(security, sreLink)).toBe(false);
    const reliability = roleLinkConditions.hasPillar({
      pillarIds: ['reliability', 'sustainability'],
    });
    expect(allows(reliability, sreLink)).toBe(true);
  });

  it('combines: members of a Group may link only the security roles for it', () => {
    const conditions: Parameters<typeof allows>[0] = {
      allOf: [
        roleLinkConditions.isGroupMemberOrOwner({
          claims: ['group:default/payments-team'],
        }),
        roleLinkConditions.hasPillar({ pillarIds: ['security'] }),
      ],
    };
    expect(allows(conditions, securityLink)).toBe(true);
    expect(allows(conditions, { ...securityLink, pillarIds: ['cost'] })).toBe(
      false,
    );
    expect(allows(conditions, sreLink)).toBe(false);
  });

  it('turns conditions into queries over links', () => {
    expect(roleLinkPermissionRules.isRole.toQuery({ roleIds: ['a'] })).toEqual({
      property: 'roleId',
      values: ['a'],
    });
    expect(
      roleLinkPermissionRules.isGroupMemberOrOwner.toQuery({
        claims: ['Group:default/X'],
      }),
    ).toEqual({
      anyOf: [
        { property: 'groupRef', values: ['group:default/x'] },
        { property: 'groupOwnerRef', values: ['group:default/x'] },
      ],
    });
  });
});
