import { StoredEvaluation } from '../database/EvaluationStore';
import { SystemEvaluations } from './SystemEvaluations';

const evaluation = (name: string) =>
  ({ entityRef: `system:default/${name}` } as StoredEvaluation);

describe('SystemEvaluations', () => {
  function store(initial: StoredEvaluation[]) {
    let revision = 1;
    let rows = initial;
    return {
      revision: jest.fn(async () => String(revision)),
      listSystemEvaluations: jest.fn(async () => rows),
      change(next: StoredEvaluation[]) {
        rows = next;
        revision += 1;
      },
    };
  }

  it('reads the evaluations again only when the revision has changed', async () => {
    const fake = store([evaluation('a')]);
    const systems = new SystemEvaluations(fake);
    expect(await systems.list()).toEqual([evaluation('a')]);
    expect(await systems.list()).toEqual([evaluation('a')]);
    expect(fake.listSystemEvaluations).toHaveBeenCalledTimes(1);
    expect(fake.revision).toHaveBeenCalledTimes(2);

    fake.change([evaluation('a'), evaluation('b')]);
    expect(await systems.list()).toEqual([evaluation('a'), evaluation('b')]);
    expect(fake.listSystemEvaluations).toHaveBeenCalledTimes(2);
  });

  it('shares one read between the requests that arrive while it runs', async () => {
    const fake = store([evaluation('a')]);
    const systems = new SystemEvaluations(fake);
    const answers = await Promise.all([systems.list(), systems.list()]);
    expect(answers).toEqual([[evaluation('a')], [evaluation('a')]]);
    expect(fake.listSystemEvaluations).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed read', async () => {
    const fake = store([evaluation('a')]);
    fake.listSystemEvaluations.mockRejectedValueOnce(
      new Error('connection lost'),
    );
    const systems = new SystemEvaluations(fake);
    await expect(systems.list()).rejects.toThrow('connection lost');
    expect(await systems.list()).toEqual([evaluation('a')]);
    expect(fake.listSystemEvaluations).toHaveBeenCalledTimes(2);
  });
});
