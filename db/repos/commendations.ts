/**
 * 评优: staff mark a year's excellent suggestions and advanced handling
 * units. A mark is one row per (year, kind, target) — marking twice changes
 * nothing — and marking a suggestion writes its timeline entry in the same
 * batch. Only a replied suggestion submitted in that year, or one of the
 * tenant's units, can be marked; anything else is refused whole.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition, rawStatement } from '../guard';
import { commendations, deputies, handlingUnits, suggestionEvents, suggestions } from '../schema';
import type { Actor } from './writes';
import { chinaYearBounds } from '../../worker/rules/calendar';
import { REPLIED_STATES } from '../../worker/rules/suggestion-states';

export type CommendationKind = 'suggestion' | 'unit';

export function commendationRepo(db: Database, tenantId: number) {
  const target = (year: number, kind: CommendationKind, id: number) => {
    if (kind === 'unit') {
      return sql`exists (select 1 from ${handlingUnits} where ${handlingUnits.tenantId} = ${tenantId} and ${handlingUnits.id} = ${id})`;
    }
    const { start, end } = chinaYearBounds(year);
    return sql`exists (select 1 from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${id}
      and ${suggestions.state} in ${REPLIED_STATES} and ${suggestions.submittedAt} >= ${start} and ${suggestions.submittedAt} < ${end})`;
  };
  const one = (year: number, kind: CommendationKind, id: number) =>
    and(eq(commendations.tenantId, tenantId), eq(commendations.year, year), eq(commendations.kind, kind), eq(commendations.targetId, id));

  return {
    /** A year's marks, each with what it names: the unit, or the suggestion's number, title and lead deputy. */
    list(year: number) {
      return db
        .select({
          kind: commendations.kind,
          targetId: commendations.targetId,
          note: commendations.note,
          unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
          number: suggestions.number,
          title: sql<string | null>`${suggestions.title}`.as('suggestion_title'),
          leadDeputyName: sql<string | null>`${deputies.name}`.as('lead_deputy_name'),
        })
        .from(commendations)
        .leftJoin(handlingUnits, and(eq(commendations.kind, 'unit'), eq(handlingUnits.id, commendations.targetId)))
        .leftJoin(suggestions, and(eq(commendations.kind, 'suggestion'), eq(suggestions.id, commendations.targetId)))
        .leftJoin(deputies, eq(deputies.id, suggestions.leadDeputyId))
        .where(and(eq(commendations.tenantId, tenantId), eq(commendations.year, year)))
        .orderBy(commendations.id)
        .all();
    },

    async mark(year: number, kind: CommendationKind, id: number, note: string | null, actor: Actor, now: number) {
      const mine = sql`exists (select 1 from ${commendations} where ${one(year, kind, id)}
        and ${commendations.createdAt} = ${now} and ${commendations.createdByUserId} = ${actor.userId})`;
      await db.batch([
        precondition(db, target(year, kind, id)),
        rawStatement(
          db,
          sql`insert or ignore into ${commendations} (tenant_id, year, kind, target_id, note, created_by_user_id, created_at)
          values (${tenantId}, ${year}, ${kind}, ${id}, ${note}, ${actor.userId}, ${now})`,
        ),
        ...(kind === 'suggestion'
          ? [
              rawStatement(
                db,
                sql`insert into ${suggestionEvents} (tenant_id, suggestion_id, actor_user_id, actor_name, kind, from_state, to_state, note, created_at)
                select ${tenantId}, ${id}, ${actor.userId}, ${actor.name}, 'commended', null, null, ${`${year} · ${note ?? ''}`}, ${now} where ${mine}`,
              ),
            ]
          : []),
      ]);
    },

    async unmark(year: number, kind: CommendationKind, id: number, actor: Actor, now: number) {
      const had = sql`exists (select 1 from ${commendations} where ${one(year, kind, id)})`;
      const event = rawStatement(
        db,
        sql`insert into ${suggestionEvents} (tenant_id, suggestion_id, actor_user_id, actor_name, kind, from_state, to_state, note, created_at)
        select ${tenantId}, ${id}, ${actor.userId}, ${actor.name}, 'uncommended', null, null, ${String(year)}, ${now} where ${had}`,
      );
      const remove = db.delete(commendations).where(one(year, kind, id));
      if (kind === 'suggestion') await db.batch([event, remove]);
      else await remove;
    },
  };
}
