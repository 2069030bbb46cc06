/** 代表履职档案: the ledger entries staff add by hand. */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { users } from './accounts';
import { deputies } from './directory';
import { tenants } from './tenancy';

/** 代表履职档案: entries staff add by hand (training, inspection, meeting…). */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
    /** training | inspection | meeting | other */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    occurredOn: text('occurred_on').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_tenant_deputy_date').on(t.tenantId, t.deputyId, t.occurredOn)],
);
