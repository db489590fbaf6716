import { ReactNode, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
} from '@material-ui/core';
import {
  roleLinkCreatePermission,
  roleLinkDeletePermission,
  roleLinkResourceRef,
} from 'backstage-plugin-well-architected-common';
import { LinkPicker, LinkCandidate } from './LinkPicker';
import { LinkedItem, ShownLink } from './LinkedItem';
import { useLinkPermissions } from './useLinkPermissions';
import { useRoleLinkActions } from './useRoleLinkActions';

/**
 * The links of one role or of one Group, whichever side the view is about: each with where it
 * comes from and, where the policy allows it, an unlink button for a portal link, which asks
 * first; below them a picker of the candidates the policy allows the user to link, without those
 * already linked. The permission questions, the changes and their alerts are the same on both
 * sides.
 */
export function RoleLinkList(props: {
  links: ShownLink[];
  /** What could be linked; those already linked, in the portal or the catalog, are left out. */
  candidates: LinkCandidate[];
  candidatesLoading: boolean;
  /** The picker's label, such as "Link a group". */
  pickerLabel: string;
  /** What the view is about, as alerts and questions name it: "this role", "this group". */
  subject: string;
  /** What to say when there is no link; `canLink` says whether the picker is shown below. */
  empty: (canLink: boolean) => ReactNode;
  /** Reloads the links after a change. */
  onChange: () => void;
}) {
  const {
    links,
    candidates,
    candidatesLoading,
    pickerLabel,
    subject,
    empty,
    onChange,
  } = props;
  const actions = useRoleLinkActions(onChange, subject);
  const [unlinking, setUnlinking] = useState<ShownLink>();
  const portalLinks = links
    .filter(shown => shown.sources.includes('portal'))
    .map(shown => shown.link);
  const unlinkable = useLinkPermissions(roleLinkDeletePermission, portalLinks);
  const linkedRefs = new Set(
    links.map(shown => roleLinkResourceRef(shown.link)),
  );
  const unlinked = candidates.filter(
    candidate => !linkedRefs.has(roleLinkResourceRef(candidate.link)),
  );
  const linkable = useLinkPermissions(
    roleLinkCreatePermission,
    unlinked.map(candidate => candidate.link),
  );
  const options = unlinked.filter(candidate => linkable.allows(candidate.link));
  return (
    <>
      {links.length === 0 ? (
        empty(options.length > 0)
      ) : (
        <List dense disablePadding>
          {links.map(shown => (
            <LinkedItem
              key={roleLinkResourceRef(shown.link)}
              shown={shown}
              canUnlink={unlinkable.allows(shown.link)}
              busy={actions.busy}
              onUnlink={() => setUnlinking(shown)}
            />
          ))}
        </List>
      )}
      {options.length > 0 && (
        <LinkPicker
          label={pickerLabel}
          options={options}
          loading={candidatesLoading || linkable.loading}
          busy={actions.busy}
          onLink={candidate => actions.link(candidate.link, candidate.label)}
        />
      )}
      <Dialog
        open={unlinking !== undefined}
        onClose={() => setUnlinking(undefined)}
        aria-labelledby="well-architected-unlink-title"
      >
        <DialogTitle id="well-architected-unlink-title">
          Unlink {unlinking?.name} from {subject}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The link made in the portal is removed.
            {unlinking?.sources.includes('catalog') &&
              " The Group's well-architected/roles annotation in the catalog is not changed, so the link stays from there."}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setUnlinking(undefined)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            onClick={() => {
              if (unlinking) {
                actions.unlink(unlinking.link, unlinking.name);
              }
              setUnlinking(undefined);
            }}
          >
            Unlink
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
