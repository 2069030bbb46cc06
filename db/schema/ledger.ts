/** 代表履职档案: the ledger entries staff add by hand. */
import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { tenantOwned, deputyRef, createdAt, authored } from './columns';

/** 代表履职档案: entries staff add by hand (training, inspection, meeting…). */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    ...tenantOwned(),
    deputyId: deputyRef(),
    /** training | inspection | meeting | other */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    occurredOn: text('occurred_on').notNull(),
    note: text('note'),
    ...authored(createdAt()),
  },
  (t) => [index('ledger_entries_tenant_deputy_date').on(t.tenantId, t.deputyId, t.occurredOn)],
);
