import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, CircularProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  SuggestionsResponse,
  evaluationRefreshPermission,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { useAlertedAction } from '../useAlertedAction';
import { evaluatedAgo } from './evaluatedAgo';

/**
 * When the background evaluation computed the suggestions ("as it was 5 minutes ago") and, where
 * the policy lets the user evaluate the entity again (its owners), a Refresh button that
 * evaluates it now from the catalog as it is. A failure is reported through the alert API.
 */
export function EvaluationFreshness(props: {
  result: SuggestionsResponse;
  /** Called with the suggestions of the new evaluation. */
  onRefreshed: (result: SuggestionsResponse) => void;
}) {
  const { result, onRefreshed } = props;
  const api = useApi(wellArchitectedApiRef);
  const { allowed } = usePermission({
    permission: evaluationRefreshPermission,
    resourceRef: result.entityRef,
  });
  const { busy: refreshing, run } = useAlertedAction(
    'Could not refresh the suggestions',
  );
  const refresh = () =>
    run(async () => onRefreshed(await api.refreshEvaluation(result.entityRef)));

  return (
    <>
      <Typography variant="caption" color="textSecondary" component="p">
        Suggested from the catalog as it was{' '}
        <time dateTime={result.evaluatedAt} title={result.evaluatedAt}>
          {evaluatedAgo(result.evaluatedAt)}
        </time>
      </Typography>
      {allowed && (
        <Button
          size="small"
          onClick={refresh}
          disabled={refreshing}
          aria-label={
            refreshing
              ? 'Refreshing the suggestions'
              : 'Refresh the suggestions from the catalog now'
          }
          startIcon={
            refreshing ? (
              <CircularProgress size={14} aria-hidden />
            ) : (
              <RefreshIcon fontSize="small" />
            )
          }
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      )}
    </>
  );
}
