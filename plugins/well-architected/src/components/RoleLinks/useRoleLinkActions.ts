import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { wellArchitectedApiRef } from '../../api';
import { LinkRef } from './useLinkPermissions';

/**
 * Link and unlink actions, which report failures through the alert API and reload the view after
 * a change. Whether the user may use them, link by link, comes from {@link useLinkPermissions}.
 */
export function useRoleLinkActions(reload: () => void) {
  const api = useApi(wellArchitectedApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      reload();
    } catch (error) {
      // A ResponseError carries the backend's message, which says what to do.
      const { body, message } = error as Partial<ResponseError>;
      alertApi.post({
        message: `Could not change the link: ${body?.error.message ?? message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    link: ({ roleId, groupRef }: LinkRef) =>
      run(
        () => api.linkGroup(roleId, groupRef),
        `Linked ${groupRef} to ${roleId}`,
      ),
    unlink: ({ roleId, groupRef }: LinkRef) =>
      run(
        () => api.unlinkGroup(roleId, groupRef),
        `Unlinked ${groupRef} from ${roleId}`,
      ),
  };
}
