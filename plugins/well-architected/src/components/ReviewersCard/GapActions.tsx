import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Suggestion } from 'backstage-plugin-well-architected-common';
import { roleLinkCreatePermission } from 'backstage-plugin-well-architected-common';
import { roleRouteRef } from '../../routes';
import { RoleGroups, useCatalogGroups } from '../RoleGroups';
import { useLinkPermissions } from '../RoleLinks/useLinkPermissions';

/**
 * What to do about a role no group holds, where the gap is shown: a link to the role's page, and
 * for users whom the policy lets link some group to the role, "Link a group", which opens the
 * role's linking flow in place. `onLinked` reloads the card after a change.
 */
export function GapActions(props: {
  suggestion: Pick<Suggestion, 'roleId' | 'roleTitle'>;
  onLinked: () => void;
}) {
  const { suggestion, onLinked } = props;
  const roleLink = useRouteRef(roleRouteRef);
  const groups = useCatalogGroups();
  const linkable = useLinkPermissions(
    roleLinkCreatePermission,
    (groups.value ?? []).map(group => ({
      roleId: suggestion.roleId,
      groupRef: group.ref,
    })),
  );
  const canLink = (groups.value ?? []).some(group =>
    linkable.allows({ roleId: suggestion.roleId, groupRef: group.ref }),
  );
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  const titleId = `well-architected-link-${suggestion.roleId}`;
  const close = () => {
    setOpen(false);
    if (changed) {
      setChanged(false);
      onLinked();
    }
  };
  return (
    <>
      {' '}
      {canLink && (
        <Button
          size="small"
          variant="outlined"
          color="primary"
          aria-label={`Link a group to ${suggestion.roleTitle}`}
          onClick={() => setOpen(true)}
        >
          Link a group
        </Button>
      )}{' '}
      <Link to={roleLink({ roleId: suggestion.roleId })} underline="always">
        Open the role
      </Link>
      <Dialog
        open={open}
        onClose={close}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id={titleId}>
          Link a group to {suggestion.roleTitle}
        </DialogTitle>
        <DialogContent>
          <RoleGroups
            roleId={suggestion.roleId}
            onChange={() => setChanged(true)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Done</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
