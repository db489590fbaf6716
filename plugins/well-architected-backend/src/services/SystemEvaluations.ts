import { EvaluationStore, StoredEvaluation } from '../database/EvaluationStore';

/**
 * The stored evaluations of every System, read and parsed once per change of the store: each
 * call asks the store for its revision (one small query) and reads every System's evaluation
 * again only when a round, on this replica or another, has changed it since. The coverage reads
 * all of them for every request, which at thousands of Systems is most of a request's time.
 */
export class SystemEvaluations {
  private held?: { revision: string; evaluations: Promise<StoredEvaluation[]> };

  constructor(
    private readonly store: Pick<
      EvaluationStore,
      'revision' | 'listSystemEvaluations'
    >,
  ) {}

  async list(): Promise<StoredEvaluation[]> {
    const revision = await this.store.revision();
    if (this.held?.revision !== revision) {
      // Requests that arrive while the read runs share it; a failed read is not kept.
      const evaluations = this.store.listSystemEvaluations();
      const held = { revision, evaluations };
      this.held = held;
      evaluations.catch(() => {
        if (this.held === held) {
          this.held = undefined;
        }
      });
    }
    return this.held!.evaluations;
  }
}
