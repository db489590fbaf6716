import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A view's filters in the URL's query, so that a view can be shared and restored. `update` sets
 * the keys it is given (an empty value removes one) and removes the `reset` keys it is not given,
 * such as the page of a list that other filters change; it replaces the history entry, so that
 * typing does not fill the history. `text` is the search box: it reaches the URL as `q` 300 ms
 * after the last keystroke, and follows the URL when that changes from outside (back button,
 * shared link).
 */
export function useUrlFilters(options: { reset?: string[] } = {}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const [text, setText] = useState(q);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const key of options.reset ?? []) {
      if (!(key in changes)) {
        next.delete(key);
      }
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setSearchParams(next, { replace: true });
  };

  useEffect(() => setText(q), [q]);
  useDebounce(
    () => {
      if (text.trim() !== q) {
        update({ q: text.trim() || undefined });
      }
    },
    300,
    [text],
  );

  return { searchParams, update, q, text, setText };
}
