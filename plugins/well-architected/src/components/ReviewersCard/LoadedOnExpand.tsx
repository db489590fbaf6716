import { DependencyList, ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { WellArchitectedApi, wellArchitectedApiRef } from '../../api';

/**
 * A line of a row that is asked for when the row is expanded (the component mounts then): `load`
 * runs again when `deps` change; "Loading members…" while it loads, "Members could not be
 * loaded: …" when it fails, then what `children` makes of the value.
 */
export function LoadedOnExpand<T>(props: {
  load: (api: WellArchitectedApi) => Promise<T>;
  /** What `load` reads besides the API. */
  deps: DependencyList;
  /** What is loading, in lower case: "members", "what to check". */
  what: string;
  children: (value: T) => ReactNode;
}) {
  const { load, deps, what, children } = props;
  const api = useApi(wellArchitectedApiRef);
  const { loading, error, value } = useAsync(() => load(api), [api, ...deps]);
  if (loading) {
    return (
      <Typography variant="body2" color="textSecondary" component="div">
        Loading {what}…
      </Typography>
    );
  }
  if (error || value === undefined) {
    return (
      <Typography variant="body2" color="error" component="div">
        {what.charAt(0).toUpperCase()}
        {what.slice(1)} could not be loaded{error && `: ${error.message}`}
      </Typography>
    );
  }
  return <>{children(value)}</>;
}
