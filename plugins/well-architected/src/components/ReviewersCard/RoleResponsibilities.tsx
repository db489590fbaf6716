import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { List, Typography } from '@material-ui/core';
import { Suggestion } from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { ResponsibilityItem } from '../ResponsibilityItem';

/**
 * What to check: the role's responsibilities in the pillars it is suggested for, in the dataset's
 * words, asked for when the row is expanded.
 */
export function RoleResponsibilities(props: {
  suggestion: Pick<Suggestion, 'roleId' | 'pillarIds'>;
}) {
  const { suggestion } = props;
  const api = useApi(wellArchitectedApiRef);
  const { loading, error, value } = useAsync(
    () => api.getRole(suggestion.roleId),
    [api, suggestion.roleId],
  );
  if (loading) {
    return (
      <Typography variant="body2" color="textSecondary" component="div">
        Loading what to check…
      </Typography>
    );
  }
  if (error || !value) {
    return (
      <Typography variant="body2" color="error" component="div">
        What to check could not be loaded{error && `: ${error.message}`}
      </Typography>
    );
  }
  const responsibilities = value.responsibilities.filter(r =>
    suggestion.pillarIds.includes(r.pillarId),
  );
  return (
    <Typography variant="body2" component="div">
      What to check:
      {responsibilities.length === 0 ? (
        ' the role has no responsibility in these pillars in this dataset version.'
      ) : (
        <List dense disablePadding aria-label="What to check">
          {responsibilities.map(r => (
            <ResponsibilityItem key={r.id} responsibility={r} />
          ))}
        </List>
      )}
    </Typography>
  );
}
