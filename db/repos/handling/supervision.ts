/**
 * 督办 on one suggestion (DOMAIN.md, "Three-colour supervision"): staff
 * raise a colour by hand, and record a supervision letter, interview,
 * public notice or site visit.
 */
import { sql } from 'drizzle-orm';
import { precondition, rawStatement } from '../../guard';
import { alerts, assignments, deadlines, notifications, supervisionActions, users } from '../../schema';
import type { HandlingContext, OnSuggestion } from './shared';

export interface ColourRaise extends OnSuggestion {
  to: 'yellow' | 'red';
  reason: string;
  /** Tags the alerts this write raises, for their delivery by email and robot. */
  writeId: string;
}

export interface Supervision extends OnSuggestion {
  supervision: { kind: string; actedOn: string; note: string | null };
  eventNote: string;
}

export function supervisionWrites({ db, tenantId, w, requireAction }: HandlingContext) {
  return {
    /**
     * Staff raise the colour of every open stage of a suggestion by hand,
     * with a reason (never lowering one); each raised stage is alerted once.
     */
    async raiseColour({ id, to, reason, writeId, actor, now }: ColourRaise) {
      const lower = to === 'red' ? ['green', 'yellow'] : ['green'];
      const mine = sql`exists (select 1 from ${alerts} where ${alerts.writeId} = ${writeId})`;
      await db.batch([
        requireAction(id, 'raise_colour'),
        precondition(
          db,
          sql`exists (select 1 from ${deadlines} where ${deadlines.tenantId} = ${tenantId} and ${deadlines.suggestionId} = ${id} and ${deadlines.endedAt} is null)`,
        ),
        rawStatement(
          db,
          sql`insert or ignore into ${alerts} (tenant_id, deadline_id, colour, write_id, created_at)
          select ${tenantId}, id, ${to}, ${writeId}, ${now} from ${deadlines}
          where tenant_id = ${tenantId} and suggestion_id = ${id} and ended_at is null and colour in ${lower}`,
        ),
        rawStatement(
          db,
          sql`update ${deadlines} set colour = ${to}
          where tenant_id = ${tenantId} and suggestion_id = ${id} and ended_at is null and colour in ${lower}`,
        ),
        w.refreshColour(id),
        w.event(id, actor, `raise_${to}`, null, null, reason, now),
        rawStatement(
          db,
          sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
          select ${tenantId}, ${users.id}, ${id}, ${to}, ${reason}, ${now} from ${users}
          where ${mine} and ${w.alertedUsers(
            to,
            id,
            sql`(
              select unit_id from ${assignments} where tenant_id = ${tenantId} and suggestion_id = ${id} and state <> 'withdrawn')`,
          )}`,
        ),
      ]);
    },

    /** 督办: a supervision letter, interview, public notice or site visit, recorded on the item. */
    async recordSupervision({ id, supervision, eventNote, actor, now }: Supervision) {
      await db.batch([
        requireAction(id, 'supervise'),
        db.insert(supervisionActions).values({ tenantId, suggestionId: id, ...supervision, createdByUserId: actor.userId, createdAt: now }),
        w.event(id, actor, 'supervise', null, null, eventNote, now),
      ]);
    },
  };
}
