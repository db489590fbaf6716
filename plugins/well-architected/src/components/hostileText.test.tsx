import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Role } from 'backstage-plugin-well-architected-common';
import {
  FreshPermissions,
  mockWellArchitectedApi,
  paymentsSuggestions,
  sre,
  testApis,
  mountedRoutes,
} from '../__testUtils__/fixtures';
import { ReviewersCard } from './ReviewersCard';
import { RoleDetail } from './RoleDetail';

/** Text that runs script if a component ever rendered it as HTML or as a link target. */
const SCRIPT = '<script>window.__hostile = "script"</script>';
const IMAGE = '<img src="x" onerror="window.__hostile = \'image\'">';
// eslint-disable-next-line no-script-url -- the hostile input under test
const URL = 'javascript:window.__hostile="url"';

declare global {
  interface Window {
    __hostile?: string;
  }
}

/** Nothing ran, no element came from the text, and no link points at script. */
function expectInert(container: HTMLElement) {
  expect(window.__hostile).toBeUndefined();
  expect(container.querySelector('script, img, iframe')).toBeNull();
  for (const link of Array.from(document.querySelectorAll('a'))) {
    expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
  }
}

const hostileRole: Role = {
  ...sre,
  id: 'site-reliability-engineer',
  title: `SRE ${SCRIPT}`,
  aliases: [IMAGE, URL],
  responsibilities: sre.responsibilities.map(r => ({
    ...r,
    title: URL,
    description: `Runs ${SCRIPT} and ${IMAGE}`,
  })),
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'payments',
    namespace: 'default',
    title: SCRIPT,
    links: [{ url: URL, title: IMAGE }],
  },
  spec: { owner: 'payments-team' },
};

describe('text from the catalog and the dataset', () => {
  afterEach(() => delete window.__hostile);

  it('is shown as text on the reviewers card, never run or linked', async () => {
    const api = mockWellArchitectedApi();
    const [first] = paymentsSuggestions.suggestions;
    api.getSuggestions.mockResolvedValue({
      ...paymentsSuggestions,
      suggestions: [
        {
          ...first,
          roleId: URL,
          roleTitle: `SRE ${IMAGE}`,
          reasons: [{ ...first.reasons[0], message: `uses ${SCRIPT}` }],
          reviewers: first.reviewers.map((reviewer, index) => ({
            ...reviewer,
            displayName: IMAGE,
            groupRef: `group:default/javascript-${index}`,
            reason: SCRIPT,
          })),
        },
      ],
    });
    api.getGroupMembers.mockImplementation(async groupRef => ({
      groupRef,
      members: [{ userRef: 'user:default/eve', displayName: URL }],
      memberCount: 1,
    }));
    const { container } = await renderInTestApp(
      <EntityProvider entity={system}>
        <ReviewersCard />
      </EntityProvider>,
      { apis: testApis(api), mountedRoutes },
    );

    expect(await screen.findByText(`uses ${SCRIPT}`)).toBeInTheDocument();
    // Groups and members show on expand.
    fireEvent.click(screen.getByRole('button', { name: /^Details for SRE/ }));
    // The role id becomes a path inside the portal, not a link target of its own.
    expect(screen.getByRole('link', { name: `SRE ${IMAGE}` })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/well-architected\/roles\/javascript:/),
    );
    expect(screen.getAllByRole('link', { name: IMAGE }).length).toBeGreaterThan(
      0,
    );
    expect((await screen.findAllByText(URL)).length).toBeGreaterThan(0);
    expectInert(container);
  });

  it('is shown as text on a role page, never run or linked', async () => {
    const api = mockWellArchitectedApi();
    api.getRole.mockResolvedValue(hostileRole);
    api.getRoleGroups.mockResolvedValue({
      roleId: hostileRole.id,
      items: [
        {
          groupRef: 'group:default/sre-team',
          displayName: SCRIPT,
          sources: ['portal'],
          portalLink: {
            createdBy: URL,
            createdAt: '2026-11-01T10:00:00.000Z',
          },
        },
      ],
    });
    const { container } = await renderInTestApp(
      <FreshPermissions>
        <RoleDetail roleId={hostileRole.id} />
      </FreshPermissions>,
      { apis: testApis(api), mountedRoutes },
    );

    expect(
      await screen.findByRole('heading', { name: hostileRole.title }),
    ).toBeInTheDocument();
    expect(screen.getByText(`Runs ${SCRIPT} and ${IMAGE}`)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: SCRIPT })).toHaveAttribute(
      'href',
      '/catalog/default/group/sre-team',
    );
    expectInert(container);
  });
});
