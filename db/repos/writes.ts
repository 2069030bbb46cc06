/**
 * Statement builders shared by the repositories that change a suggestion:
 * the timeline event and the notifications that go with a change, always
 * written in the same batch as the change itself.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition, rawStatement } from '../guard';
import { notifications, suggestionCosigners, suggestionEvents, suggestions, users } from '../schema';

/** Who acts, as the timeline records them. */
export interface Actor {
  userId: number;
  name: string;
}

export function writes(db: Database, tenantId: number) {
  return {
    /** Fails the batch unless the suggestion is (still) in one of `states`. */
    requireState(suggestionId: number, states: readonly string[]) {
      return precondition(
        db,
        sql`exists (select 1 from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${suggestionId} and ${suggestions.state} in ${states})`,
      );
    },

    /** One timeline entry. */
    event(
      suggestionId: number,
      actor: Actor,
      kind: string,
      fromState: string | null,
      toState: string | null,
      note: string | null,
      now: number,
    ) {
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
      return rawStatement(db, sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.role} = 'deputy' and ${users.disabledAt} is null and ${who}`);
    },

    /** Every clerk of the given handling units. */
    notifyUnits(unitIds: number[], suggestionId: number, kind: string, message: string, now: number) {
      return rawStatement(db, sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.role} = 'unit_clerk' and ${users.disabledAt} is null
          and ${users.unitId} in ${unitIds.length ? unitIds : [0]}`);
    },

    /** Everyone of the tenant with one of these roles (e.g. staff). */
    notifyRoles(roles: string[], suggestionId: number, kind: string, message: string, now: number) {
      return rawStatement(db, sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
        select ${tenantId}, ${users.id}, ${suggestionId}, ${kind}, ${message}, ${now} from ${users}
        where ${users.tenantId} = ${tenantId} and ${users.disabledAt} is null and ${users.role} in ${roles}`);
    },
  };
}
