import { ReactNode } from 'react';
import { List } from '@material-ui/core';
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
 * comes from and, where the policy allows it, an unlink button for a portal link; below them a
 * picker of the candidates the policy allows the user to link. The permission questions, the
 * changes and their alerts are the same on both sides.
 */
export function RoleLinkList(props: {
  links: ShownLink[];
  /** What could be linked; those already linked in the portal are left out. */
  candidates: LinkCandidate[];
  candidatesLoading: boolean;
  /** The picker's label, such as "Link a group". */
  pickerLabel: string;
  /** What to say when there is no link; `canLink` says whether the picker is shown below. */
  empty: (canLink: boolean) => ReactNode;
  /** Reloads the links after a change. */
  onChange: () => void;
}) {
  const { links, candidates, candidatesLoading, pickerLabel, empty, onChange } =
    props;
  const actions = useRoleLinkActions(onChange);
  const portalLinks = links
    .filter(shown => shown.sources.includes('portal'))
    .map(shown => shown.link);
  const unlinkable = useLinkPermissions(roleLinkDeletePermission, portalLinks);
  const portalRefs = new Set(portalLinks.map(roleLinkResourceRef));
  const unlinked = candidates.filter(
    candidate => !portalRefs.has(roleLinkResourceRef(candidate.link)),
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
              onUnlink={() => actions.unlink(shown.link)}
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
          onLink={actions.link}
        />
      )}
    </>
  );
}
