import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Tests that click through a page with user-event take a few seconds on a two-core machine that
// is also running the other suites; jest's 5 s default and testing-library's 1 s wait for an
// element turn that into flaky failures. A wait that finds its element returns at once; the long
// limit costs only a failing test.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 15_000 });

// jsdom has no ResizeObserver; recharts' ResponsiveContainer observes its box with one, and draws
// at its initial size when nothing is reported.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
