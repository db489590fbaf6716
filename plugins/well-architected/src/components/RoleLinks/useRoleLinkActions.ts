import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { wellArchitectedApiRef } from '../../api';
import { backendMessage } from '../backendMessage';
import { LinkRef } from './useLinkPermissions';

/**
 * Link and unlink actions, which report the outcome through the alert API, by name, and reload
 * the view after a change. `subject` names what the view is about, such as "this role". Whether
 * the user may use them, link by link, comes from {@link useLinkPermissions}.
 */
export function useRoleLinkActions(reload: () => void, subject: string) {
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
      alertApi.post({
        message: `Could not change the link: ${backendMessage(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    /** Links the other side of `link`, which the user reads as `name`. */
    link: ({ roleId, groupRef }: LinkRef, name: string) =>
      run(
        () => api.linkGroup(roleId, groupRef),
        `Linked ${name} to ${subject}`,
      ),
    unlink: ({ roleId, groupRef }: LinkRef, name: string) =>
      run(
        () => api.unlinkGroup(roleId, groupRef),
        `Unlinked ${name} from ${subject}`,
      ),
  };
}
