import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { wellArchitectedApiRef } from './api';
import { mockWellArchitectedApi } from './__testUtils__/fixtures';
import wellArchitectedPlugin from './alpha';

describe('well-architected plugin for the new frontend system', () => {
  it('serves the roles page at /well-architected', async () => {
    renderTestApp({
      features: [wellArchitectedPlugin],
      apis: [[wellArchitectedApiRef, mockWellArchitectedApi()]],
      initialRouteEntries: ['/well-architected'],
    });
    expect(
      await screen.findByRole('link', {
        name: 'Site Reliability Engineer (SRE)',
      }),
    ).toBeInTheDocument();
  });

  it('serves a role’s detail below the page', async () => {
    renderTestApp({
      features: [wellArchitectedPlugin],
      apis: [[wellArchitectedApiRef, mockWellArchitectedApi()]],
      initialRouteEntries: ['/well-architected/roles/technical-writer'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Technical Writer' }),
    ).toBeInTheDocument();
  });
});
