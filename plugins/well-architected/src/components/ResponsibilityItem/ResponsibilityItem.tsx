import { Chip } from '@material-ui/core';
import { ResponsibilityFlag } from 'backstage-plugin-well-architected-common';

const FLAG_LABELS: Record<ResponsibilityFlag, string> = {
  'highly-regulated-environments': 'Optional: highly regulated environments',
};

/** Small chips for the flags that a responsibility's text carries. */
export function FlagChips(props: { flags: ResponsibilityFlag[] }) {
  return (
    <>
      {props.flags.map(flag => (
        <Chip
          key={flag}
          size="small"
          label={FLAG_LABELS[flag] ?? flag}
          style={{ marginLeft: 8 }}
        />
      ))}
    </>
  );
}
