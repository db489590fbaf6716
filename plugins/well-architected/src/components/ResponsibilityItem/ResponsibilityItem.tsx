import { ReactNode } from 'react';
import {
  Chip,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  Responsibility,
  ResponsibilityFlag,
} from 'backstage-plugin-well-architected-common';

const FLAG_LABELS: Record<ResponsibilityFlag, string> = {
  'highly-regulated-environments': 'Optional: highly regulated environments',
};

const useStyles = makeStyles({
  // Backstage's theme keeps a dense list's text on one line and cuts it at the edge; a
  // responsibility is read in full, so it wraps.
  text: { whiteSpace: 'normal' },
});

/** Small chips for the flags that a responsibility's text carries. */
function FlagChips(props: { flags: ResponsibilityFlag[] }) {
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

/**
 * One responsibility in a list: its title, chips for the flags its text carries, and its
 * description; above them its category, in a list that mixes categories.
 */
export function ResponsibilityItem(props: {
  responsibility: Responsibility;
  /** The title as shown, such as a link to the role; the plain title when not given. */
  title?: ReactNode;
  category?: string;
}) {
  const { responsibility, category } = props;
  const classes = useStyles();
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemText
        className={classes.text}
        primary={
          <>
            {category && (
              <Typography variant="overline" display="block">
                {category}
              </Typography>
            )}
            {props.title ?? (
              <Typography variant="subtitle2" component="span">
                {responsibility.title}
              </Typography>
            )}
            <FlagChips flags={responsibility.flags} />
          </>
        }
        secondary={responsibility.description}
      />
    </ListItem>
  );
}
