import { useState } from 'react';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import { Autocomplete, createFilterOptions } from '@material-ui/lab';
import { roleLinkResourceRef } from 'backstage-plugin-well-architected-common';
import { LinkRef } from './useLinkPermissions';

/** A link that could be made, and what the user reads for it: a group's or a role's name. */
export interface LinkCandidate {
  link: LinkRef;
  label: string;
  /** A second line that tells look-alikes apart, such as a group's ref and type. */
  detail?: string;
  /** Other words the candidate is found by, such as a role's id and aliases. */
  keywords?: string[];
}

/** Candidates are found by any of their words, wherever they are in the text. */
const filterOptions = createFilterOptions<LinkCandidate>({
  stringify: ({ label, detail, keywords = [] }) =>
    [label, detail, ...keywords].join('\n'),
});

/** Picks a group (or a role) from a list and links it. */
export function LinkPicker(props: {
  label: string;
  options: LinkCandidate[];
  loading: boolean;
  busy: boolean;
  onLink: (candidate: LinkCandidate) => Promise<unknown>;
}) {
  const { label, options, loading, busy, onLink } = props;
  const [picked, setPicked] = useState<LinkCandidate | null>(null);
  return (
    <Box display="flex" alignItems="center" gridGap={8} mt={2}>
      <Autocomplete
        // A fixed id from the first render, so the label names the input at once (the
        // generated one arrives a render later, and a screen reader or checker can come first).
        id={`well-architected-picker-${label
          .toLocaleLowerCase('en')
          .replace(/[^a-z0-9]+/g, '-')}`}
        style={{ flex: 1, maxWidth: 420 }}
        options={options}
        loading={loading}
        value={picked}
        onChange={(_event, option) => setPicked(option)}
        filterOptions={filterOptions}
        getOptionLabel={option => option.label}
        getOptionSelected={(option, value) =>
          roleLinkResourceRef(option.link) === roleLinkResourceRef(value.link)
        }
        renderOption={option => (
          <Box>
            <Typography variant="body2">{option.label}</Typography>
            {option.detail && (
              <Typography variant="caption" color="textSecondary">
                {option.detail}
              </Typography>
            )}
          </Box>
        )}
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
            await onLink(picked);
            setPicked(null);
          }
        }}
      >
        Link
      </Button>
    </Box>
  );
}
