import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { wellArchitectedApiRef } from '../../api';
import { useAlertedAction } from '../useAlertedAction';
import { LinkRef } from './useLinkPermissions';

/**
 * Link and unlink actions, which report the outcome through the alert API, by name, and reload
 * the view after a change. `subject` names what the view is about, such as "this role". Whether
 * the user may use them, link by link, comes from {@link useLinkPermissions}.
 */
export function useRoleLinkActions(reload: () => void, subject: string) {
  const api = useApi(wellArchitectedApiRef);
  const alertApi = useApi(alertApiRef);
  const { busy, run: alerted } = useAlertedAction('Could not change the link');

  const run = (action: () => Promise<unknown>, done: string) =>
    alerted(async () => {
      await action();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      reload();
    });

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
