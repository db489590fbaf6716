/**
 * Something the request path reads from the database and holds while a revision counter that
 * every replica sees stays the same: each call asks for the revision (one small query) and reads
 * the whole again only when a change, on this replica or another, has raised it. The coverage
 * reads every System's evaluation and every link for each request, which at thousands of Systems
 * would otherwise be most of a request's time.
 */
export class HeldByRevision<T> {
  private held?: { revision: string; value: Promise<T> };

  constructor(
    private readonly source: {
      revision(): Promise<string>;
      read(): Promise<T>;
    },
  ) {}

  /** The value as of the current revision, with that revision. */
  async current(): Promise<{ revision: string; value: T }> {
    const revision = await this.source.revision();
    if (this.held?.revision !== revision) {
      // Requests that arrive while the read runs share it; a failed read is not kept.
      const held = { revision, value: this.source.read() };
      this.held = held;
      held.value.catch(() => {
        if (this.held === held) {
          this.held = undefined;
        }
      });
    }
    const { value } = this.held!;
    return { revision, value: await value };
  }
}
