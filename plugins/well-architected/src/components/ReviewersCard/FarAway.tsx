import { Chip } from '@material-ui/core';
import { Reviewer } from 'backstage-plugin-well-architected-common';

/**
 * Marks a reviewer group that sits far from the owner in the organisation (or whose nearness
 * cannot be told), so that a team linked somewhere else is not taken for a close one.
 */
export function FarAway(props: { reviewer: Reviewer }) {
  if (props.reviewer.closeness !== 'elsewhere') {
    return null;
  }
  return (
    <>
      {' '}
      <Chip
        size="small"
        variant="outlined"
        label="far away"
        title={props.reviewer.reason}
      />
    </>
  );
}
