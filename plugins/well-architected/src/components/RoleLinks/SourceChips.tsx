import { Chip, Tooltip } from '@material-ui/core';
import { RoleHolder } from 'backstage-plugin-well-architected-common';

const DESCRIPTIONS = {
  catalog: "From the Group's well-architected/roles annotation in the catalog",
  portal: 'Linked in the portal',
};

/** Where a link between a role and a group comes from: the catalog, the portal or both. */
export function SourceChips(props: Pick<RoleHolder, 'sources' | 'portalLink'>) {
  const { sources, portalLink } = props;
  return (
    <>
      {sources.map(source => (
        <Tooltip
          key={source}
          title={
            source === 'portal' && portalLink
              ? `${DESCRIPTIONS.portal} by ${
                  portalLink.createdBy
                } on ${new Date(portalLink.createdAt).toLocaleDateString('en')}`
              : DESCRIPTIONS[source]
          }
        >
          <Chip size="small" variant="outlined" label={source} />
        </Tooltip>
      ))}
    </>
  );
}
