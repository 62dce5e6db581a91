import type { SuggestionRow } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import type { CreateVacancy, UpdateVacancy } from '../schemas/vacancy.js';
import type { Storage, VacancyRecord } from '../storage/storage.js';
import type { Attrs } from '../vector-index/store.js';
import { vacancyInsertRow, vacancyUpdateSet } from './vacancies.js';

export interface VacancyWriteResult {
  row: VacancyRecord;
  /** The change sequence of its vector-log entry: a replica that has applied it serves this write. */
  seq: number | null;
}

/**
 * Vacancy writes on the storage port (issue 15, the first vertical slice): the row and its vector-log entry commit in
 * one transaction on SQLite or PostgreSQL alike. Replicas serve searches from the log (src/replication). The HTTP
 * routes still use VacancyWriter (synchronous, SQLite) until the port covers their other hooks.
 */
export class VacancyStorageWriter {
  constructor(
    private readonly storage: Storage,
    private readonly model: { modelId: string; dims: number },
    private readonly attrs: (row: VacancyRecord) => Attrs,
    private readonly collection = 'vacancies',
  ) {}

  async create(employerId: string, input: CreateVacancy, vector: Float32Array, suggestions: SuggestionRow | null = null): Promise<VacancyWriteResult> {
    return this.storage.transaction(async (uow) => {
      const row = await uow.vacancies.insert(vacancyInsertRow(employerId, input, suggestions));
      const seq = await uow.vectorLog(this.collection).upsert(row.id, this.model.modelId, this.model.dims, vector, this.attrs(row));
      return { row, seq };
    });
  }

  /** A new vector when the text changed; otherwise only the filterable attributes move. */
  async update(id: string, patch: UpdateVacancy, vector?: Float32Array): Promise<VacancyWriteResult> {
    return this.storage.transaction(async (uow) => {
      const current = await uow.vacancies.get(id);
      if (!current) throw notFound('vacancy', id);
      const row = (await uow.vacancies.update(id, vacancyUpdateSet(current, patch)))!;
      const log = uow.vectorLog(this.collection);
      const seq = vector ? await log.upsert(row.id, this.model.modelId, this.model.dims, vector, this.attrs(row)) : await log.setAttrs(row.id, this.attrs(row));
      return { row, seq };
    });
  }

  async remove(id: string): Promise<number | null> {
    return this.storage.transaction(async (uow) => {
      if (!(await uow.vacancies.remove(id))) throw notFound('vacancy', id);
      return uow.vectorLog(this.collection).delete(id);
    });
  }
}
