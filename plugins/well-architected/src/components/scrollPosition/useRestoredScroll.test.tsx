import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import {
  Link,
  MemoryRouter,
  Route,
  Routes,
  useNavigate,
} from 'react-router-dom';
import { SCROLL_POSITIONS_ITEM, useRestoredScroll } from './useRestoredScroll';

/** A list that renders when "Load" is clicked, as the roles page does when its answer is in. */
function List() {
  const [ready, setReady] = useState(false);
  useRestoredScroll(ready);
  return (
    <>
      <button onClick={() => setReady(true)}>Load</button>
      <Link to="/detail">Open a role</Link>
    </>
  );
}

function Detail() {
  const navigate = useNavigate();
  return (
    <>
      <button onClick={() => navigate(-1)}>Back</button>
      <Link to="/list">All roles</Link>
    </>
  );
}

function renderPages() {
  return render(
    <MemoryRouter
      initialEntries={['/list']}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <Routes>
        <Route path="/list" element={<List />} />
        <Route path="/detail" element={<Detail />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** jsdom does not lay out or scroll: the window's position is what the page last set. */
function scrollWindowTo(y: number) {
  Object.defineProperty(window, 'scrollY', {
    value: y,
    configurable: true,
    writable: true,
  });
  fireEvent.scroll(window);
}

/** Clicks the button or link with this name. */
function click(name: string) {
  fireEvent.click(
    screen.queryByRole('button', { name }) ??
      screen.getByRole('link', { name }),
  );
}

describe('useRestoredScroll', () => {
  let scrollTo: jest.SpyInstance;

  beforeEach(() => {
    window.sessionStorage.clear();
    scrollWindowTo(0);
    scrollTo = jest
      .spyOn(window, 'scrollTo')
      .mockImplementation(((_x: number, y: number) =>
        scrollWindowTo(y)) as typeof window.scrollTo);
  });

  afterEach(() => scrollTo.mockRestore());

  it('puts the list back where it was on Back, once the list has rendered', () => {
    renderPages();
    click('Load');
    expect(scrollTo).not.toHaveBeenCalled();
    scrollWindowTo(2400);

    click('Open a role');
    scrollWindowTo(0);
    click('Back');
    // Still loading: the page would be too short to scroll to where it was.
    expect(scrollTo).not.toHaveBeenCalled();
    click('Load');
    expect(scrollTo).toHaveBeenCalledWith(0, 2400);
    expect(window.scrollY).toBe(2400);
  });

  it('keeps what the page scrolled while it loaded from overwriting the saved position', () => {
    renderPages();
    click('Load');
    scrollWindowTo(1800);
    click('Open a role');
    click('Back');
    scrollWindowTo(0);
    click('Load');
    expect(scrollTo).toHaveBeenCalledWith(0, 1800);
  });

  it('leaves a new visit of the list where the browser put it', () => {
    renderPages();
    click('Load');
    scrollWindowTo(2400);
    click('Open a role');
    scrollWindowTo(0);
    click('All roles');
    click('Load');
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('works without session storage, and ignores what it cannot read', () => {
    window.sessionStorage.setItem(SCROLL_POSITIONS_ITEM, '{not json');
    const setItem = jest
      .spyOn(Storage.prototype, 'setItem')
      .mockImplementation(() => {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      });
    try {
      renderPages();
      click('Load');
      scrollWindowTo(2400);
      click('Open a role');
      click('Back');
      click('Load');
      expect(scrollTo).not.toHaveBeenCalled();
    } finally {
      setItem.mockRestore();
    }
  });
});
