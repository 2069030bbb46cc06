/**
 * One suggestion as its page shows it (详情): the row with its co-signers,
 * timeline, units' parts and texts, contacts, ratings, attachments,
 * supervision actions, publication and what the page's forms offer, read
 * in one round trip.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Database } from '../client';
import {
  assignments,
  attachments,
  categories,
  contacts,
  deputies,
  handlingUnits,
  publications,
  ratings,
  replies,
  settings,
  suggestionCosigners,
  suggestionEvents,
  suggestions,
  supervisionActions,
  users,
} from '../schema';
import type { AssignmentRole, AssignmentState } from '../schema';
import { publicationStatusColumns, type PublicationStatus } from '../repos/publications';
import type { Colour } from '../../worker/rules/colour';
import type { Role } from '../../worker/rules/roles';
import { settingsFrom, type TenantSettings } from '../../worker/rules/settings';
import type { SuggestionState } from '../../worker/rules/suggestion-states';
import { leadDeputy, scoped } from './shared';

export interface SuggestionDetail {
  id: number;
  number: string | null;
  title: string;
  content: string;
  state: SuggestionState;
  sourceChannel: string;
  categoryName: string | null;
  leadDeputyId: number;
  leadDeputyName: string;
  enteredByUserId: number;
  enteredByName: string;
  enteredByRole: Role;
  submittedAt: number | null;
  categoryId: number | null;
  isKey: boolean;
  supervisingLeader: string | null;
  supervisingLeaderUserId: number | null;
  mergedIntoId: number | null;
  /** 单月座谈议题 it was raised under (its title), if any. */
  forumTopicTitle: string | null;
  round: number;
  replyClass: string | null;
  evaluationDue: string | null;
  closedAt: number | null;
  colour: Colour;
  cosigners: { deputyId: number; name: string }[];
  assignments: AssignmentView[];
  replies: {
    id: number;
    unitName: string;
    assignmentId: number;
    kind: string;
    round: number;
    body: string;
    signer: string | null;
    replyClass: string | null;
    promisedDate: string | null;
    createdAt: number;
  }[];
  contacts: { id: number; unitName: string; contactedOn: string; who: string; how: string; note: string | null }[];
  ratings: { round: number; attitude: string; result: string; comment: string | null; createdAt: number }[];
  attachments: { id: number; replyId: number | null; filename: string; contentType: string; size: number }[];
  supervisions: { id: number; kind: string; actedOn: string; note: string | null }[];
  /** The voter's issue (接待日) it was raised from, if any. */
  originIssueId: number | null;
  /** 公开: its publication, if it was ever published. */
  publication: PublicationStatus | undefined;
  /** The tenant's settings and the lists the page's forms offer. */
  context: {
    settings: TenantSettings;
    categories: { id: number; name: string }[];
    units: { id: number; name: string }[];
    /** Who may lead the supervision of a key suggestion: the chair and vice-chairs (role chair). */
    leaders: { id: number; name: string }[];
  };
  events: {
    id: number;
    actorName: string;
    kind: string;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    createdAt: number;
  }[];
}

export interface AssignmentView {
  id: number;
  unitId: number;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
  assignedAt: number;
  returnDue: string;
  opinionDue: string | null;
  replyDue: string | null;
  originalReplyDue: string | null;
  signedAt: number | null;
  repliedAt: number | null;
  returnReason: string | null;
}

export function suggestionDetailQuery(db: Database, tenantId: number) {
  const { inTenant, activeCategories, activeUnits } = scoped(db, tenantId);
  return {
    /** One suggestion with its co-signers and timeline, in one round trip. */
    async detail(id: number): Promise<SuggestionDetail | undefined> {
      const enteredBy = alias(users, 'entered_by');
      /** This suggestion's rows of a table that hangs off it. */
      const ofThis = (t: { tenantId: AnySQLiteColumn; suggestionId: AnySQLiteColumn }) => and(eq(t.tenantId, tenantId), eq(t.suggestionId, id));
      const unitName = sql<string>`${handlingUnits.name}`.as('unit_name');
      const [main, cosigners, events, units, texts, met, rated, files, supervised, settingRows, categoryRows, unitRows, leaderRows, publication] =
        await db.batch([
          db
            .select({
              id: suggestions.id,
              number: suggestions.number,
              title: suggestions.title,
              content: suggestions.content,
              state: suggestions.state,
              sourceChannel: suggestions.sourceChannel,
              categoryName: sql<string | null>`${categories.name}`.as('category_name'),
              leadDeputyId: suggestions.leadDeputyId,
              leadDeputyName: sql<string>`${leadDeputy.name}`.as('lead_deputy_name'),
              enteredByUserId: suggestions.enteredByUserId,
              enteredByName: enteredBy.displayName,
              enteredByRole: enteredBy.role,
              submittedAt: suggestions.submittedAt,
              categoryId: suggestions.categoryId,
              isKey: suggestions.isKey,
              supervisingLeader: suggestions.supervisingLeader,
              supervisingLeaderUserId: suggestions.supervisingLeaderUserId,
              mergedIntoId: suggestions.mergedIntoId,
              forumTopicTitle: sql<string | null>`(select t.title from forum_topics t where t.tenant_id = ${tenantId}
              and t.id = "suggestions"."forum_topic_id")`.as('forum_topic_title'),
              /** The voter's issue (接待日) this suggestion was raised from, if any. */
              originIssueId: sql<number | null>`(select v.id from voter_issues v where v.tenant_id = ${tenantId}
              and v.suggestion_id = "suggestions"."id" limit 1)`.as('origin_issue_id'),
              round: suggestions.round,
              replyClass: suggestions.replyClass,
              evaluationDue: suggestions.evaluationDue,
              closedAt: suggestions.closedAt,
              colour: suggestions.colour,
            })
            .from(suggestions)
            .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
            .innerJoin(enteredBy, eq(enteredBy.id, suggestions.enteredByUserId))
            .leftJoin(categories, eq(categories.id, suggestions.categoryId))
            .where(and(inTenant.suggestions, eq(suggestions.id, id))),
          db
            .select({ deputyId: suggestionCosigners.deputyId, name: deputies.name })
            .from(suggestionCosigners)
            .innerJoin(deputies, eq(deputies.id, suggestionCosigners.deputyId))
            .where(ofThis(suggestionCosigners))
            .orderBy(asc(deputies.id)),
          db
            .select({
              id: suggestionEvents.id,
              actorName: suggestionEvents.actorName,
              kind: suggestionEvents.kind,
              fromState: suggestionEvents.fromState,
              toState: suggestionEvents.toState,
              note: suggestionEvents.note,
              createdAt: suggestionEvents.createdAt,
            })
            .from(suggestionEvents)
            .where(ofThis(suggestionEvents))
            .orderBy(asc(suggestionEvents.createdAt), asc(suggestionEvents.id)),
          db
            .select({
              id: assignments.id,
              unitId: assignments.unitId,
              unitName,
              role: assignments.role,
              state: assignments.state,
              assignedAt: assignments.assignedAt,
              returnDue: assignments.returnDue,
              opinionDue: assignments.opinionDue,
              replyDue: assignments.replyDue,
              originalReplyDue: assignments.originalReplyDue,
              signedAt: assignments.signedAt,
              repliedAt: assignments.repliedAt,
              returnReason: assignments.returnReason,
            })
            .from(assignments)
            .innerJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
            .where(ofThis(assignments))
            .orderBy(asc(assignments.id)),
          db
            .select({
              id: replies.id,
              unitName,
              assignmentId: replies.assignmentId,
              kind: replies.kind,
              round: replies.round,
              body: replies.body,
              signer: replies.signer,
              replyClass: replies.replyClass,
              promisedDate: replies.promisedDate,
              createdAt: replies.createdAt,
            })
            .from(replies)
            .innerJoin(handlingUnits, eq(handlingUnits.id, replies.unitId))
            .where(ofThis(replies))
            .orderBy(asc(replies.createdAt), asc(replies.id)),
          db
            .select({
              id: contacts.id,
              unitName,
              contactedOn: contacts.contactedOn,
              who: contacts.who,
              how: contacts.how,
              note: contacts.note,
            })
            .from(contacts)
            .innerJoin(handlingUnits, eq(handlingUnits.id, contacts.unitId))
            .where(ofThis(contacts))
            .orderBy(asc(contacts.contactedOn), asc(contacts.id)),
          db
            .select({
              round: ratings.round,
              attitude: ratings.attitude,
              result: ratings.result,
              comment: ratings.comment,
              createdAt: ratings.createdAt,
            })
            .from(ratings)
            .where(ofThis(ratings))
            .orderBy(asc(ratings.round)),
          db
            .select({
              id: attachments.id,
              replyId: attachments.replyId,
              filename: attachments.filename,
              contentType: attachments.contentType,
              size: attachments.size,
            })
            .from(attachments)
            .where(ofThis(attachments))
            .orderBy(asc(attachments.id)),
          db
            .select({
              id: supervisionActions.id,
              kind: supervisionActions.kind,
              actedOn: supervisionActions.actedOn,
              note: supervisionActions.note,
            })
            .from(supervisionActions)
            .where(ofThis(supervisionActions))
            .orderBy(asc(supervisionActions.actedOn), asc(supervisionActions.id)),
          // What the page's forms offer, in the same round trip.
          db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)),
          activeCategories(),
          activeUnits(),
          db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(and(eq(users.tenantId, tenantId), eq(users.role, 'chair'), isNull(users.disabledAt)))
            .orderBy(asc(users.id)),
          // 公开: whether (and how) it is published, for staff's publish form.
          db.select(publicationStatusColumns).from(publications).where(ofThis(publications)),
        ]);
      const row = main[0];
      if (!row) return undefined;
      return {
        ...row,
        cosigners,
        events,
        assignments: units,
        replies: texts,
        contacts: met,
        ratings: rated,
        attachments: files,
        supervisions: supervised,
        context: { settings: settingsFrom(settingRows), categories: categoryRows, units: unitRows, leaders: leaderRows },
        publication: publication[0],
      };
    },
  };
}
