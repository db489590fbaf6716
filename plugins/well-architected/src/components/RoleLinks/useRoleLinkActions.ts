import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  roleLinkCreatePermission,
  roleLinkDeletePermission,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';

/**
 * Link and unlink actions for the current user: whether they may use them, and the actions
 * themselves, which report failures through the alert API and reload the view after a change.
 */
export function useRoleLinkActions(reload: () => void) {
  const api = useApi(wellArchitectedApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const { allowed: canLink } = usePermission({
    permission: roleLinkCreatePermission,
  });
  const { allowed: canUnlink } = usePermission({
    permission: roleLinkDeletePermission,
  });

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
    canLink,
    canUnlink,
    link: (roleId: string, groupRef: string) =>
      run(
        () => api.linkGroup(roleId, groupRef),
        `Linked ${groupRef} to ${roleId}`,
      ),
    unlink: (roleId: string, groupRef: string) =>
      run(
        () => api.unlinkGroup(roleId, groupRef),
        `Unlinked ${groupRef} from ${roleId}`,
      ),
  };
}
