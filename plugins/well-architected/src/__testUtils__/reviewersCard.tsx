import { AlertApi } from '@backstage/core-plugin-api';
import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { ReviewersCard } from '../components/ReviewersCard';
import {
  FreshPermissions,
  mockWellArchitectedApi,
  mountedRoutes,
  testApis,
} from './fixtures';

/**
 * Renders the reviewers card of `entity`, the policy answering each question with `authorize`;
 * returns the questions asked, each as `permission resourceRef`.
 */
export async function renderReviewersCard(options: {
  entity: Entity;
  api: ReturnType<typeof mockWellArchitectedApi>;
  alertApi: AlertApi;
  authorize: (
    permissionName: string,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}): Promise<string[]> {
  const asked: string[] = [];
  const permissions = mockApis.permission({
    authorize: request => {
      const { resourceRef } = request as { resourceRef?: string };
      asked.push(`${request.permission.name} ${resourceRef}`);
      return options.authorize(request.permission.name);
    },
  });
  await renderInTestApp(
    <FreshPermissions>
      <EntityProvider entity={options.entity}>
        <ReviewersCard />
      </EntityProvider>
    </FreshPermissions>,
    {
      apis: [
        ...testApis(options.api, { alertApi: options.alertApi }).filter(
          ([ref]) => ref !== permissionApiRef,
        ),
        [permissionApiRef, permissions],
      ],
      mountedRoutes,
    },
  );
  return asked;
}
