/** 单月座谈: the monthly forum topics. */
import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { tenantOwned, createdAt, authored } from './columns';

/** 单月座谈议题: a themed forum topic for a month. */
export const forumTopics = sqliteTable(
  'forum_topics',
  {
    ...tenantOwned(),
    /** YYYY-MM */
    month: text('month').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** China date after which no more suggestions are taken under it. */
    closesOn: text('closes_on').notNull(),
    ...authored(createdAt()),
  },
  (t) => [index('forum_topics_tenant_month').on(t.tenantId, t.month)],
);
