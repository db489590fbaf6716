import { Content, Header, Page } from '@backstage/core-components';
import { RolesContent } from './RolesContent';

/**
 * The roles page for the legacy frontend system, with its own header.
 *
 * @public
 */
export function RolesPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Well-Architected roles"
        subtitle="Who should review what, pillar by pillar"
      />
      <Content>
        <RolesContent />
      </Content>
    </Page>
  );
}
