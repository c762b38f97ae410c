// The login record as a login goes: changed step by step, saved in order, and never awaited on
// the way, since storage is not on the critical path. The popup renders from what is saved.

import type { LoginRecord } from '../storage/login-record';

export type RecordChange = Partial<Omit<LoginRecord, 'id' | 'at' | 'signinUrl'>>;

export interface LoginJournal {
  /** Changes the record without saving it (the next save carries it). */
  note(change: RecordChange): void;
  /** Changes the record and saves it. */
  put(change: RecordChange): void;
  /** The record once every save so far has settled. */
  saved(): Promise<LoginRecord>;
}

export function loginJournal(first: LoginRecord, save: (record: LoginRecord) => Promise<void>): LoginJournal {
  let record = first;
  let saving = Promise.resolve();
  return {
    note(change) {
      record = { ...record, ...change };
    },
    put(change) {
      record = { ...record, ...change };
      const snapshot = record;
      saving = saving.then(() => save(snapshot)).catch(() => undefined);
    },
    async saved() {
      await saving;
      return record;
    },
  };
}
