import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';

/**
 * Renders what `useAsync` or `useAsyncRetry` holds, the same way in every view of the plugin:
 * progress until a value arrives, the error in a `ResponseErrorPanel` (or `notFound` for a 404
 * answer), `empty` when the value has nothing to show, and otherwise the children with the value.
 * While it loads again (after a retry, or when its inputs change) the last value stays below the
 * progress bar, so that a card does not collapse after every link.
 */
export function AsyncContent<T>(props: {
  /** What `useAsync` or `useAsyncRetry` returns. */
  state: { loading: boolean; error?: Error; value?: T };
  /** Renders a loaded value. */
  children: (value: T) => ReactNode;
  /** What a 404 answer means to the user, such as "Role not found". */
  notFound?: ReactNode;
  /** Whether a loaded value has nothing to show; `empty` renders instead of the children then. */
  isEmpty?: (value: T) => boolean;
  /** What to show for an empty value, such as an `EmptyState` that says what to do next. */
  empty?: ReactNode | ((value: T) => ReactNode);
}) {
  const { state, children, notFound, isEmpty, empty } = props;
  const { loading, error, value } = state;
  if (error && !loading) {
    return notFound && isNotFound(error) ? (
      <>{notFound}</>
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  if (value === undefined) {
    return <Progress />;
  }
  let content: ReactNode;
  if (isEmpty?.(value)) {
    content = typeof empty === 'function' ? empty(value) : empty;
  } else {
    content = children(value);
  }
  return (
    <>
      {loading && <Progress />}
      {content}
    </>
  );
}

/** For `isEmpty`: a page of a list that found nothing at all. */
export const nothingFound = (page: { totalCount: number }) =>
  page.totalCount === 0;

/** A `ResponseError` from the client for a 404 answer. */
function isNotFound(error: Error) {
  return 'statusCode' in error && error.statusCode === 404;
}
