import { List, Typography } from '@material-ui/core';
import {
  Responsibility,
  Suggestion,
} from 'backstage-plugin-well-architected-common';
import { ResponsibilityItem } from '../ResponsibilityItem';
import { LoadedOnExpand } from './LoadedOnExpand';

/**
 * What to check: the role's responsibilities in the pillars it is suggested for, in the dataset's
 * words, asked for when the row is expanded.
 */
export function RoleResponsibilities(props: {
  suggestion: Pick<Suggestion, 'roleId' | 'pillarIds'>;
}) {
  const { suggestion } = props;
  return (
    <LoadedOnExpand
      load={api => api.getRole(suggestion.roleId)}
      deps={[suggestion.roleId]}
      what="what to check"
    >
      {role => (
        <Responsibilities
          responsibilities={role.responsibilities.filter(r =>
            suggestion.pillarIds.includes(r.pillarId),
          )}
        />
      )}
    </LoadedOnExpand>
  );
}

function Responsibilities(props: { responsibilities: Responsibility[] }) {
  const { responsibilities } = props;
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
