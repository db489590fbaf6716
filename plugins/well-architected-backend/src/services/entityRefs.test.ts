import { parseEntityRef } from '@backstage/catalog-model';
import { isRefOfKind } from './entityRefs';

describe('isRefOfKind', () => {
  it('compares kinds as the catalog does, without regard to case', () => {
    expect(isRefOfKind(parseEntityRef('Group:default/sre-team'), 'group')).toBe(
      true,
    );
    expect(isRefOfKind(parseEntityRef('group:default/sre-team'), 'group')).toBe(
      true,
    );
    expect(isRefOfKind(parseEntityRef('user:default/alice'), 'group')).toBe(
      false,
    );
    expect(
      isRefOfKind(
        parseEntityRef('sre-team', { defaultKind: 'Group' }),
        'group',
      ),
    ).toBe(true);
  });
});
