import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** The session storage item that holds the saved positions, by history entry. */
export const SCROLL_POSITIONS_ITEM = 'well-architected:scroll-positions';

/** How many history entries keep their position; the oldest are dropped first. */
const KEPT_ENTRIES = 50;

type Positions = Array<[key: string, y: number]>;

// Session storage can be full or refused (private windows, embedded frames); a position that
// cannot be kept is only a convenience lost, never an error.
function readPositions(): Positions {
  try {
    const parsed = JSON.parse(
      window.sessionStorage.getItem(SCROLL_POSITIONS_ITEM) ?? '[]',
    );
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function savePosition(key: string, y: number) {
  const positions = readPositions().filter(([k]) => k !== key);
  positions.push([key, y]);
  try {
    window.sessionStorage.setItem(
      SCROLL_POSITIONS_ITEM,
      JSON.stringify(positions.slice(-KEPT_ENTRIES)),
    );
  } catch {
    // See readPositions.
  }
}

function savedPosition(key: string): number | undefined {
  const y = readPositions().find(([k]) => k === key)?.[1];
  return typeof y === 'number' && Number.isFinite(y) ? y : undefined;
}

/**
 * Keeps the window's scroll position of a long list per history entry, and puts it back when the
 * person returns to that entry (Back from a page the list links to). The browser cannot do it
 * alone: on Back the list is still loading, so the page is too short to scroll to where it was.
 *
 * `ready` says that the list has rendered; the position is restored once, then, and followed
 * from then on. Until then nothing is saved, so that the short page of a list still loading does
 * not overwrite the position it is about to get back. A new entry (a link followed, a filter
 * changed) has no saved position and starts where the browser puts it.
 */
export function useRestoredScroll(ready: boolean) {
  const { key } = useLocation();
  const restoredKey = useRef<string>();

  useEffect(() => {
    if (!ready) {
      return undefined;
    }
    if (restoredKey.current !== key) {
      restoredKey.current = key;
      const y = savedPosition(key);
      if (y !== undefined && y !== window.scrollY) {
        window.scrollTo(0, y);
      }
    }
    // A scroll event that arrives after the address moved on (the next page's shorter content
    // clamping the position) belongs to the next page, not to this entry. Browsers send at most
    // one scroll event a frame, so saving on each costs little.
    const pathname = window.location.pathname;
    const onScroll = () => {
      if (window.location.pathname === pathname) {
        savePosition(key, window.scrollY);
      }
    };
    // Where the entry stands now, for an entry that has not scrolled since it rendered.
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [ready, key]);
}
