import { ReactNode } from 'react';
import {
  Box,
  IconButton,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Tooltip,
} from '@material-ui/core';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import { RoleHolder } from 'backstage-plugin-well-architected-common';
import { SourceChips } from './SourceChips';

/**
 * One linked group or role with where the link comes from, and an unlink button when the user
 * may remove it (only portal links can be removed in the portal).
 */
export function LinkedItem(
  props: Pick<RoleHolder, 'sources' | 'portalLink'> & {
    /** The linked group or role, as a link to its page. */
    children: ReactNode;
    name: string;
    canUnlink: boolean;
    busy: boolean;
    onUnlink: () => void;
  },
) {
  const { children, name, sources, portalLink, canUnlink, busy, onUnlink } =
    props;
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <Box display="flex" alignItems="center" gridGap={6}>
            {children}
            <SourceChips sources={sources} portalLink={portalLink} />
          </Box>
        }
      />
      {canUnlink && sources.includes('portal') && (
        <ListItemSecondaryAction>
          <Tooltip title={`Unlink ${name}`}>
            <IconButton
              edge="end"
              aria-label={`Unlink ${name}`}
              disabled={busy}
              onClick={onUnlink}
            >
              <LinkOffIcon />
            </IconButton>
          </Tooltip>
        </ListItemSecondaryAction>
      )}
    </ListItem>
  );
}
