import { EmptyState } from '@backstage/core-components';
import { Button, InputAdornment, TextField } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';

/** The search box of a filtered view, with the text that `useUrlFilters` holds. */
export function SearchField(props: {
  /** What it searches, such as "Search roles"; its accessible name. */
  label: string;
  /** What the empty field shows; the label when not given. */
  placeholder?: string;
  text: string;
  setText: (text: string) => void;
  className?: string;
  fullWidth?: boolean;
}) {
  const { label, placeholder = label, text, setText, className } = props;
  return (
    <TextField
      className={className}
      fullWidth={props.fullWidth}
      variant="outlined"
      size="small"
      placeholder={placeholder}
      value={text}
      onChange={event => setText(event.target.value)}
      inputProps={{ 'aria-label': label, maxLength: 200 }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon />
          </InputAdornment>
        ),
      }}
    />
  );
}

/** What a filtered view shows when nothing matches, with a button that clears the filters. */
export function NoMatch(props: {
  title: string;
  description: string;
  onClear: () => void;
}) {
  return (
    <EmptyState
      missing="data"
      title={props.title}
      description={props.description}
      action={
        <Button variant="contained" color="primary" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}
