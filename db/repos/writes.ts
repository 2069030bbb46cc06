/**
 * Statement builders shared by the repositories that change a suggestion:
 * the timeline event and the notifications that go with a change, always
 * written in the same batch as the change itself.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition, rawStatement } from '../guard';
import { alerts, assignments, deadlines, notifications, suggestionCosigners, suggestionEvents, suggestions, users } from '../schema';
import { alertedRelations, RELATION_ROLES, type AlertColour, type AlertRelation } from '../../worker/rules/colour';
import { chinaYearOf } from '../../worker/rules/china-time';

/** A stage with a due date to open (三色督办); colour as the quality rule sets it. */
export interface DeadlineSpec {
  stage: string;
  dueDate: string;
  yellowFrom: string;
  colour?: 'green' | 'yellow' | 'red';
}

/** Who acts, as the timeline records them. */
export interface Actor {
  userId: number;
  name: string;
}

export function writes(db: Database, tenantId: number) {
  return {
    /** The next suggestion number of the year, computed inside the statement that takes it. */
    nextNumber(now: number) {
      const year = chinaYearOf(now);
      return sql`printf('%d-%04d', ${year}, coalesce((
          select max(cast(substr(${suggestions.number}, 6) as integer)) from ${suggestions}
          where ${suggestions.tenantId} = ${tenantId}
            and ${suggestions.number} >= ${`${year}-`} and ${suggestions.number} < ${`${year}.`}
        ), 0) + 1)`;
    },

    /** Fails the batch unless the suggestion is (still) in one of `states`. */
    requireState(suggestionId: number, states: readonly string[]) {
      return precondition(
        db,
        sql`exists (select 1 from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${suggestionId} and ${suggestions.state} in ${states})`,
      );
    },

    /**
     * Opens a stage. `assignment` picks the unit part it belongs to (by unit,
     * as assigned at `assignedAt`), or null for the suggestion's own stages.
     */
    openDeadline(
      suggestionId: number,
      assignment: { unitId: number; assignedAt: number } | { id: number } | null,
      d: DeadlineSpec,
      now: number,
      /** Open it only if this holds when the statement runs. */
      when: SQL = sql`1`,
    ) {
      const assignmentId =
        assignment === null
          ? sql`null`
          : 'id' in assignment
            ? sql`${assignment.id}`
            : sql`(select ${assignments.id} from ${assignments} where ${assignments.tenantId} = ${tenantId}
                and ${assignments.suggestionId} = ${suggestionId} and ${assignments.unitId} = ${assignment.unitId}
                and ${assignments.assignedAt} = ${assignment.assignedAt})`;
      return rawStatement(
        db,
        sql`insert into ${deadlines} (tenant_id, suggestion_id, assignment_id, stage, due_date, yellow_from, colour, created_at)
        select ${tenantId}, ${suggestionId}, ${assignmentId}, ${d.stage}, ${d.dueDate}, ${d.yellowFrom}, ${d.colour ?? 'green'}, ${now} where ${when}`,
      );
    },

    /** Ends the open stages of a suggestion (all, or those of the given stages / assignment). */
    endDeadlines(suggestionId: number, now: number, only: { stages?: string[]; assignmentId?: number } = {}) {
      const stage = only.stages ? sql` and ${deadlines.stage} in ${only.stages}` : sql``;
      const part = only.assignmentId !== undefined ? sql` and ${deadlines.assignmentId} = ${only.assignmentId}` : sql``;
      return rawStatement(
        db,
        sql`update ${deadlines} set ended_at = ${now}
        where ${deadlines.tenantId} = ${tenantId} and ${deadlines.suggestionId} = ${suggestionId} and ended_at is null${stage}${part}`,
      );
    },

    /**
     * Alerts for stages this write opened already yellow or red (the quality
     * rule), one per (stage, colour) as the scan would send them.
     */
    alertOpenedColours(suggestionId: number, writeId: string, now: number) {
      return rawStatement(
        db,
        sql`insert or ignore into ${alerts} (tenant_id, deadline_id, colour, write_id, created_at)
        select ${tenantId}, ${deadlines.id}, ${deadlines.colour}, ${writeId}, ${now} from ${deadlines}
        where ${deadlines.tenantId} = ${tenantId} and ${deadlines.suggestionId} = ${suggestionId}
          and ${deadlines.createdAt} = ${now} and ${deadlines.colour} <> 'green' and ${deadlines.endedAt} is null`,
      );
    },

    /**
     * The accounts an alert of `colour` on a suggestion goes to in the app:
     * the relations of the recipients table (worker/rules/colour.ts
     * `ALERT_RECIPIENTS`) that have `in_app`, with `unitIds` the stage's
     * handling units. A condition on `users`.
     */
    alertedUsers(colour: AlertColour, suggestionId: number, unitIds: SQL) {
      const leader = sql`(select ${suggestions.supervisingLeaderUserId} from ${suggestions}
        where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${suggestionId} and ${suggestions.isKey} = 1)`;
      // Each relation as accounts; a head contact or the robot is no account.
      const accounts: Record<AlertRelation, SQL | null> = {
        unit_clerks: sql`(${users.role} = 'unit_clerk' and ${users.unitId} in ${unitIds})`,
        secretary: sql`${users.role} = ${RELATION_ROLES.secretary}`,
        chair: sql`${users.role} = ${RELATION_ROLES.chair}`,
        supervising_leader: sql`${users.id} = ${leader}`,
        unit_head_contact: null,
        group_robot: null,
      };
      const who = alertedRelations(colour, 'in_app').flatMap((r) => accounts[r] ?? []);
      return sql`${users.tenantId} = ${tenantId} and ${users.disabledAt} is null
        and (${who.length ? sql.join(who, sql` or `) : sql`0`})`;
    },

    /** The suggestion's colour: the highest of its open stages, never below what staff raised by hand. */
    refreshColour(suggestionId: number) {
      const open = (colour: string) =>
        sql`exists (select 1 from ${deadlines} d where d.tenant_id = ${tenantId} and d.suggestion_id = ${suggestionId}
          and d.ended_at is null and d.colour = ${colour})`;
      return rawStatement(
        db,
        sql`update ${suggestions} set colour = case
          when ${open('red')} then 'red' when ${open('yellow')} then 'yellow' else 'green' end
        where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${suggestionId}`,
      );
    },

    /** One timeline entry. */
    event(suggestionId: number, actor: Actor, kind: string, fromState: string | null, toState: string | null, note: string | null, now: number) {
      return db.insert(suggestionEvents).values({
        tenantId,
        suggestionId,
        actorUserId: actor.userId,
        actorName: actor.name,
        kind,
        fromState,
        toState,
        note,
        createdAt: now,
      });
    },

    /** The lead deputy's and every co-signer's accounts (co-signers see every reply). */
    notifyDeputies(suggestionId: number, kind: string, message: string, now: number, leadOnly = false) {
      const lead = sql`(select ${suggestions.leadDeputyId} from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${suggestionId})`;
      const cosigners = sql`(select ${suggestionCosigners.deputyId} from ${suggestionCosigners} where ${suggestionCosigners.tenantId} = ${tenantId} and ${suggestionCosigners.suggestionId} = ${suggestionId})`;
      const who = leadOnly ? sql`${users.deputyId} = ${lead}` : sql`(${users.deputyId} = ${lead} or ${users.deputyId} in ${cosigners})`;
      return rawStatement(
        db,
        sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.role} = 'deputy' and ${users.disabledAt} is null and ${who}`,
      );
    },

    /** Every clerk of the given handling units. */
    notifyUnits(unitIds: number[], suggestionId: number, kind: string, message: string, now: number) {
      return rawStatement(
        db,
        sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.role} = 'unit_clerk' and ${users.disabledAt} is null
          and ${users.unitId} in ${unitIds.length ? unitIds : [0]}`,
      );
    },

    /** Everyone of the tenant with one of these roles (e.g. staff). */
    notifyRoles(roles: string[], suggestionId: number, kind: string, message: string, now: number) {
      return rawStatement(
        db,
        sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.disabledAt} is null and ${users.role} in ${roles}`,
      );
    },
  };
}
