import { StoredEvaluation } from '../database/EvaluationStore';
import { HeldByRevision } from './HeldByRevision';

const evaluation = (name: string) =>
  ({ entityRef: `system:default/${name}` } as StoredEvaluation);

describe('HeldByRevision', () => {
  function store(initial: StoredEvaluation[]) {
    let revision = 1;
    let rows = initial;
    return {
      revision: jest.fn(async () => String(revision)),
      read: jest.fn(async () => rows),
      change(next: StoredEvaluation[]) {
        rows = next;
        revision += 1;
      },
    };
  }

  it('reads the value again only when the revision has changed', async () => {
    const fake = store([evaluation('a')]);
    const holder = new HeldByRevision(fake);
    const held = async () => (await holder.current()).value;
    expect(await held()).toEqual([evaluation('a')]);
    expect(await held()).toEqual([evaluation('a')]);
    expect(fake.read).toHaveBeenCalledTimes(1);
    expect(fake.revision).toHaveBeenCalledTimes(2);

    fake.change([evaluation('a'), evaluation('b')]);
    expect(await holder.current()).toEqual({
      revision: '2',
      value: [evaluation('a'), evaluation('b')],
    });
    expect(fake.read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between the requests that arrive while it runs', async () => {
    const fake = store([evaluation('a')]);
    const holder = new HeldByRevision(fake);
    const held = async () => (await holder.current()).value;
    const answers = await Promise.all([held(), held()]);
    expect(answers).toEqual([[evaluation('a')], [evaluation('a')]]);
    expect(fake.read).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed read', async () => {
    const fake = store([evaluation('a')]);
    fake.read.mockRejectedValueOnce(new Error('connection lost'));
    const holder = new HeldByRevision(fake);
    const held = async () => (await holder.current()).value;
    await expect(held()).rejects.toThrow('connection lost');
    expect(await held()).toEqual([evaluation('a')]);
    expect(fake.read).toHaveBeenCalledTimes(2);
  });
});
