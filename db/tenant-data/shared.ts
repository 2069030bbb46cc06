/**
 * What the tenant's query modules share: the lead deputy's alias, the
 * columns of a suggestion list row, and the pickers' queries (categories
 * and units still in use).
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../client';
import { categories, deputies, handlingUnits, suggestions } from '../schema';

/** Rows per page on lists. */
export const PAGE_SIZE = 50;

/** The lead deputy (领衔代表) joined to a suggestion under its own name. */
export const leadDeputy = alias(deputies, 'lead_deputy');

/** The columns of one row of a suggestion list (SuggestionListItem). */
export const listColumns = {
  id: suggestions.id,
  number: suggestions.number,
  title: suggestions.title,
  state: suggestions.state,
  leadDeputyId: suggestions.leadDeputyId,
  leadDeputyName: sql<string>`${leadDeputy.name}`.as('lead_deputy_name'),
  submittedAt: suggestions.submittedAt,
  updatedAt: suggestions.updatedAt,
  colour: suggestions.colour,
};

/**
 * One tenant's conditions on its main tables, and the pickers' queries
 * (categories and handling units still in use, id and name; not yet run,
 * so a caller can put them in its own batch).
 */
export function scoped(db: Database, tenantId: number) {
  return {
    inTenant: {
      deputies: eq(deputies.tenantId, tenantId),
      categories: eq(categories.tenantId, tenantId),
      suggestions: eq(suggestions.tenantId, tenantId),
    },
    activeCategories: () =>
      db
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(and(eq(categories.tenantId, tenantId), isNull(categories.retiredAt)))
        .orderBy(asc(categories.sort), asc(categories.id)),
    activeUnits: () =>
      db
        .select({ id: handlingUnits.id, name: handlingUnits.name })
        .from(handlingUnits)
        .where(and(eq(handlingUnits.tenantId, tenantId), isNull(handlingUnits.retiredAt)))
        .orderBy(asc(handlingUnits.id)),
  };
}
