import { KnexStore, readTimestamp } from './connectDatabase';
import {
  EvaluationInputs,
  EvaluationStore,
  StoredEvaluation,
  StoredOrganisation,
} from './EvaluationStore';
import { DbEvaluationOrganisationRow, DbEvaluationRow } from './tables';

const TABLE = 'evaluations';
const ORGANISATION_TABLE = 'evaluation_organisation';
const ORGANISATION_ID = 'current';
const REVISION_TABLE = 'evaluations_revision';

/** Rows per insert: well under the bind-parameter limits of every database (7 columns a row). */
const WRITE_BATCH = 100;

function toInputs(
  row: Pick<
    DbEvaluationRow,
    | 'entity_etag'
    | 'neighbourhood_hash'
    | 'dataset_version'
    | 'rule_config_hash'
  >,
): EvaluationInputs {
  return {
    entityEtag: row.entity_etag,
    neighbourhoodHash: row.neighbourhood_hash,
    datasetVersion: row.dataset_version,
    ruleConfigHash: row.rule_config_hash,
  };
}

/** The evaluation of the catalog in the plugin's database, through knex. */
export class DatabaseEvaluationStore
  extends KnexStore
  implements EvaluationStore
{
  async readEvaluation(
    entityRef: string,
  ): Promise<StoredEvaluation | undefined> {
    // One round trip for both: the organisation's hash tells the caller whether the copy it holds
    // is current.
    const row:
      | (DbEvaluationRow & { organisation_hash: string | null })
      | undefined = await this.db<DbEvaluationRow>(`${TABLE} as e`)
      .leftJoin(`${ORGANISATION_TABLE} as o`, join =>
        join.onVal('o.id', '=', ORGANISATION_ID),
      )
      .where('e.entity_ref', entityRef)
      .first('e.*', 'o.hash as organisation_hash');
    return (
      row && {
        entityRef: row.entity_ref,
        ...toInputs(row),
        result: JSON.parse(row.result),
        evaluatedAt: readTimestamp(row.evaluated_at),
        organisationHash: row.organisation_hash ?? undefined,
      }
    );
  }

  async listSystemEvaluations(): Promise<StoredEvaluation[]> {
    // Entity refs are stored in lower case, so the prefix matches on every database.
    return this.listMatching('system:%');
  }

  async listEvaluations(): Promise<StoredEvaluation[]> {
    return this.listMatching('%');
  }

  /** The evaluations whose entity ref is `like` the pattern, by entity ref. */
  private async listMatching(refPattern: string): Promise<StoredEvaluation[]> {
    const rows = await this.db<DbEvaluationRow>(TABLE)
      .where('entity_ref', 'like', refPattern)
      .orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...toInputs(row),
      result: JSON.parse(row.result),
      evaluatedAt: readTimestamp(row.evaluated_at),
    }));
  }

  async revision(): Promise<string> {
    return this.readRevision(REVISION_TABLE);
  }

  async listInputs(): Promise<Map<string, EvaluationInputs>> {
    const rows = await this.db<DbEvaluationRow>(TABLE).select(
      'entity_ref',
      'entity_etag',
      'neighbourhood_hash',
      'dataset_version',
      'rule_config_hash',
    );
    return new Map(rows.map(row => [row.entity_ref, toInputs(row)]));
  }

  async writeEvaluations(evaluations: StoredEvaluation[]): Promise<void> {
    const rows: DbEvaluationRow[] = evaluations.map(e => ({
      entity_ref: e.entityRef,
      result: JSON.stringify(e.result),
      entity_etag: e.entityEtag,
      neighbourhood_hash: e.neighbourhoodHash,
      dataset_version: e.datasetVersion,
      rule_config_hash: e.ruleConfigHash,
      evaluated_at: e.evaluatedAt,
    }));
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      await this.db<DbEvaluationRow>(TABLE)
        .insert(rows.slice(i, i + WRITE_BATCH))
        .onConflict('entity_ref')
        .merge();
    }
    if (rows.length > 0) {
      await this.raiseRevision(REVISION_TABLE);
    }
  }

  async deleteEvaluations(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += WRITE_BATCH) {
      await this.db<DbEvaluationRow>(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + WRITE_BATCH))
        .delete();
    }
    if (entityRefs.length > 0) {
      await this.raiseRevision(REVISION_TABLE);
    }
  }

  async readOrganisation(): Promise<StoredOrganisation | undefined> {
    const row = await this.db<DbEvaluationOrganisationRow>(ORGANISATION_TABLE)
      .where({ id: ORGANISATION_ID })
      .first();
    return (
      row && {
        hash: row.hash,
        organisation: JSON.parse(row.organisation),
        evaluatedAt: readTimestamp(row.evaluated_at),
      }
    );
  }

  async readOrganisationHash(): Promise<string | undefined> {
    const row = await this.db<DbEvaluationOrganisationRow>(ORGANISATION_TABLE)
      .where({ id: ORGANISATION_ID })
      .first('hash');
    return row?.hash;
  }

  async writeOrganisation(organisation: StoredOrganisation): Promise<boolean> {
    if ((await this.readOrganisationHash()) === organisation.hash) {
      return false;
    }
    await this.db<DbEvaluationOrganisationRow>(ORGANISATION_TABLE)
      .insert({
        id: ORGANISATION_ID,
        hash: organisation.hash,
        organisation: JSON.stringify(organisation.organisation),
        evaluated_at: organisation.evaluatedAt,
      })
      .onConflict('id')
      .merge();
    return true;
  }
}
