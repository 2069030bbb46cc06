/** 单月座谈: the monthly forum topics. */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { users } from './accounts';
import { tenants } from './tenancy';

/** 单月座谈议题: a themed forum topic for a month. */
export const forumTopics = sqliteTable(
  'forum_topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** China date after which no more suggestions are taken under it. */
    closesOn: text('closes_on').notNull(),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('forum_topics_tenant_month').on(t.tenantId, t.month)],
);
