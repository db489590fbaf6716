import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { backendMessage } from './backendMessage';

/**
 * Runs a user's action with `busy` set while it runs; a failure is posted through the alert API
 * as `failure`, followed by the backend's words.
 */
export function useAlertedAction(failure: string) {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      alertApi.post({
        message: `${failure}: ${backendMessage(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  }

  return { busy, run };
}
