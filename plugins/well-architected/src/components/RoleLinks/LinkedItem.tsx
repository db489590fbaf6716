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
import { LinkRef } from './useLinkPermissions';

/** A link between a role and a Group that a list shows, with where it comes from. */
export interface ShownLink extends Pick<RoleHolder, 'sources' | 'portalLink'> {
  link: LinkRef;
  /** The other side of the link (the role, or the Group), as the user reads it. */
  name: string;
  /** The other side of the link as a link to its page. */
  title: ReactNode;
}

/**
 * One linked group or role with where the link comes from, and an unlink button when the user
 * may remove it (only portal links can be removed in the portal).
 */
export function LinkedItem(props: {
  shown: ShownLink;
  canUnlink: boolean;
  busy: boolean;
  onUnlink: () => void;
}) {
  const { shown, canUnlink, busy, onUnlink } = props;
  const { name, title, sources, portalLink } = shown;
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <Box display="flex" alignItems="center" gridGap={6}>
            {title}
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
