/** Public outcomes: the published copy of a replied suggestion, and the year's commendations (评优). */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenantOwned, suggestionRef, userRef, createdAtGiven, authored } from './columns';

/**
 * 公开: the public copy of a replied suggestion, as staff published it. The
 * title, text and reply are the redacted copies (the originals stay as they
 * are on `suggestions` and `replies`); unit, class and dates are kept as they
 * were at publication. The deputy's name is never copied: public pages join
 * the deputy at read time, so a later confidentiality request applies at
 * once. One row per suggestion; unpublishing keeps the row with
 * `published = 0`.
 */
export const publications = sqliteTable(
  'publications',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    number: text('number'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    replyText: text('reply_text').notNull(),
    /** The replying units' names, joined with 、 */
    unitNames: text('unit_names').notNull(),
    replyClass: text('reply_class'),
    submittedAt: integer('submitted_at'),
    repliedAt: integer('replied_at').notNull(),
    /** Staff changed the text before publishing (某些段落已隐去). */
    redacted: integer('redacted', { mode: 'boolean' }).notNull().default(false),
    published: integer('published', { mode: 'boolean' }).notNull(),
    publishedAt: integer('published_at').notNull(),
    publishedByUserId: userRef('published_by_user_id'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('publications_suggestion').on(t.suggestionId),
    // The public list and the echo wall: a tenant's published items, newest first.
    index('publications_tenant_published').on(t.tenantId, t.published, t.publishedAt),
  ],
);

/** 评优: a year's excellent suggestions (优秀建议) and advanced handling units (先进承办单位), marked by staff. */
export const commendations = sqliteTable(
  'commendations',
  {
    ...tenantOwned(),
    year: integer('year').notNull(),
    /** suggestion | unit */
    kind: text('kind').notNull(),
    /** A suggestion's or a handling unit's id (by kind). */
    targetId: integer('target_id').notNull(),
    note: text('note'),
    ...authored(createdAtGiven()),
  },
  (t) => [uniqueIndex('commendations_once').on(t.tenantId, t.year, t.kind, t.targetId)],
);
