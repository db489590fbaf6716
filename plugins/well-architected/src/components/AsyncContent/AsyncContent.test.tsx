import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { unknownRoleResponse } from '../../__testUtils__/fixtures';
import { AsyncContent } from './AsyncContent';

/** A view of a list that loads with `load`, and reloads on a button. */
function Roles(props: { load: () => Promise<string[]> }) {
  const state = useAsyncRetry(props.load, [props.load]);
  return (
    <>
      <button onClick={state.retry}>Reload</button>
      <AsyncContent
        state={state}
        notFound={<p>No such list</p>}
        isEmpty={items => items.length === 0}
        empty={<p>No role yet</p>}
      >
        {items => (
          <ul aria-label="Roles">
            {items.map(item => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </>
  );
}

/** A promise and the function that settles it. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('AsyncContent', () => {
  it('shows progress until the value arrives, then the value', async () => {
    const first = deferred<string[]>();
    await renderInTestApp(<Roles load={() => first.promise} />);

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Roles' })).toBeNull();

    await act(async () => first.resolve(['SRE']));
    expect(await screen.findByText('SRE')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).toBeNull();
  });

  it('keeps the last value on screen, below a progress bar, while it loads again', async () => {
    const answers = [deferred<string[]>(), deferred<string[]>()];
    let call = 0;
    const load = () => answers[call++].promise;
    await renderInTestApp(<Roles load={load} />);
    await act(async () => answers[0].resolve(['SRE']));
    expect(await screen.findByText('SRE')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('SRE')).toBeInTheDocument();

    await act(async () => answers[1].resolve(['SRE', 'Technical Writer']));
    expect(await screen.findByText('Technical Writer')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
  });

  it('shows what the view says for an empty value', async () => {
    await renderInTestApp(<Roles load={async () => []} />);

    expect(await screen.findByText('No role yet')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Roles' })).toBeNull();
  });

  it('shows an error in the error panel', async () => {
    await renderInTestApp(
      <Roles
        load={async () => {
          throw new Error('The backend did not answer');
        }}
      />,
    );

    expect(
      (await screen.findAllByText(/The backend did not answer/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No such list')).toBeNull();
  });

  it("shows the view's not-found message for the client's 404 answer", async () => {
    const notFound = await ResponseError.fromResponse(
      unknownRoleResponse('chief-vibes-officer'),
    );
    await renderInTestApp(
      <Roles
        load={async () => {
          throw notFound;
        }}
      />,
    );

    expect(await screen.findByText('No such list')).toBeInTheDocument();
    expect(screen.queryByText(/NotFoundError/)).toBeNull();
  });
});
