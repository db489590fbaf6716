import { useState } from 'react';
import { Box, Button, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';

/** Something to link: an id and what the user reads. */
export interface LinkOption {
  value: string;
  label: string;
}

/** Picks a group (or a role) from a list and links it. */
export function LinkPicker(props: {
  label: string;
  options: LinkOption[];
  loading: boolean;
  busy: boolean;
  onLink: (value: string) => Promise<unknown>;
}) {
  const { label, options, loading, busy, onLink } = props;
  const [picked, setPicked] = useState<LinkOption | null>(null);
  return (
    <Box display="flex" alignItems="center" gridGap={8} mt={2}>
      <Autocomplete
        style={{ flex: 1, maxWidth: 420 }}
        options={options}
        loading={loading}
        value={picked}
        onChange={(_event, option) => setPicked(option)}
        getOptionLabel={option => option.label}
        getOptionSelected={(option, value) => option.value === value.value}
        renderInput={params => (
          <TextField
            {...params}
            label={label}
            variant="outlined"
            size="small"
          />
        )}
      />
      <Button
        variant="contained"
        color="primary"
        disabled={!picked || busy}
        onClick={async () => {
          if (picked) {
            await onLink(picked.value);
            setPicked(null);
          }
        }}
      >
        Link
      </Button>
    </Box>
  );
}
