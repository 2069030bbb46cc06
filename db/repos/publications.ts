/**
 * 公开, the staff's side: what a publication is made from, publishing (one
 * or a batch) and taking down, and the 待公开 reminder list. Every write is
 * one atomic batch with its timeline event; the public pages read through
 * db/public-data.ts.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition } from '../guard';
import { assignments, deputies, handlingUnits, publications, replies, suggestionCosigners, suggestions } from '../schema';
import { writes, type Actor } from './writes';
import { PUBLISHABLE_STATES, type DeputyPrivacy, type PublicCopy } from '../../worker/rules/disclosure';

/** Everything a publication of one suggestion is made from. */
export interface PublicationSource {
  id: number;
  number: string | null;
  title: string;
  content: string;
  state: string;
  replyClass: string | null;
  submittedAt: number | null;
  /** The lead deputy and every co-signer, with what must be withheld. */
  deputies: (DeputyPrivacy & { lead: boolean })[];
  texts: { unitName: string; kind: string; round: number; body: string; createdAt: number }[];
  /** The replying units (lead or split), joined with 、 */
  unitNames: string;
  /** When the latest reply came (null: no reply yet). */
  repliedAt: number | null;
}

/** A publication as staff see it on the suggestion's page and the form. */
export interface PublicationStatus {
  title: string;
  content: string;
  replyText: string;
  redacted: boolean;
  published: boolean;
  publishedAt: number;
}

/** A snapshot written at publication. */
export interface NewPublication {
  copy: PublicCopy;
  /** The copy differs from the originals. */
  redacted: boolean;
  source: PublicationSource;
}

/** The columns of a publication as staff see it (PublicationStatus); the suggestion page reads them too. */
export const publicationStatusColumns = {
  title: publications.title,
  content: publications.content,
  replyText: publications.replyText,
  redacted: publications.redacted,
  published: publications.published,
  publishedAt: publications.publishedAt,
};

/** A deputy's private facts, selected to be withheld from the public copy. */
const deputyPrivacyColumns = {
  name: deputies.name,
  phone: deputies.phone,
  address: deputies.address,
  confidential: deputies.confidential,
};

const privacy = (p: { name: string; phone: string | null; address: string | null; confidential: boolean }): DeputyPrivacy => ({
  name: p.name,
  phone: p.phone,
  address: p.address,
  confidential: Boolean(p.confidential),
});

/** Suggestions per atomic batch when publishing many (4 statements each). */
const BULK_CHUNK = 25;
/** Ids per IN list (D1 allows 100 bound parameters per statement). */
const ID_CHUNK = 90;

export function publicationRepo(db: Database, tenantId: number) {
  const w = writes(db, tenantId);
  const ofTenant = eq(publications.tenantId, tenantId);

  const upsert = (p: NewPublication, actor: Actor, now: number) => {
    const row = {
      number: p.source.number,
      title: p.copy.title,
      content: p.copy.content,
      replyText: p.copy.replyText,
      unitNames: p.source.unitNames,
      replyClass: p.source.replyClass,
      submittedAt: p.source.submittedAt,
      repliedAt: p.source.repliedAt ?? now,
      redacted: p.redacted,
      published: true,
      publishedAt: now,
      publishedByUserId: actor.userId,
      updatedAt: now,
    };
    return db
      .insert(publications)
      .values({ tenantId, suggestionId: p.source.id, ...row })
      .onConflictDoUpdate({ target: publications.suggestionId, set: row, setWhere: ofTenant });
  };

  /** The statements of one publication: still publishable, the row, the timeline. */
  const publishStatements = (p: NewPublication, note: string | null, actor: Actor, now: number) =>
    [w.requireState(p.source.id, PUBLISHABLE_STATES), upsert(p, actor, now), w.event(p.source.id, actor, 'publish', null, null, note, now)] as const;

  /** Sources of many suggestions of this tenant: five queries per chunk of ids, in one round trip. */
  async function sources(ids: number[]): Promise<Map<number, PublicationSource>> {
    const out = new Map<number, PublicationSource>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      const [main, leads, cosigners, texts, units] = await db.batch([
        db
          .select({
            id: suggestions.id,
            number: suggestions.number,
            title: suggestions.title,
            content: suggestions.content,
            state: suggestions.state,
            replyClass: suggestions.replyClass,
            submittedAt: suggestions.submittedAt,
          })
          .from(suggestions)
          .where(and(eq(suggestions.tenantId, tenantId), inArray(suggestions.id, chunk))),
        // The lead deputies and the co-signers: their private facts, to withhold them.
        db
          .select({ suggestionId: sql<number>`${suggestions.id}`.as('suggestion_id'), ...deputyPrivacyColumns })
          .from(suggestions)
          .innerJoin(deputies, eq(deputies.id, suggestions.leadDeputyId))
          .where(and(eq(suggestions.tenantId, tenantId), inArray(suggestions.id, chunk))),
        db
          .select({ suggestionId: suggestionCosigners.suggestionId, ...deputyPrivacyColumns })
          .from(suggestionCosigners)
          .innerJoin(deputies, eq(deputies.id, suggestionCosigners.deputyId))
          .where(and(eq(suggestionCosigners.tenantId, tenantId), inArray(suggestionCosigners.suggestionId, chunk))),
        db
          .select({
            suggestionId: replies.suggestionId,
            unitName: sql<string>`${handlingUnits.name}`.as('unit_name'),
            kind: replies.kind,
            round: replies.round,
            body: replies.body,
            createdAt: replies.createdAt,
          })
          .from(replies)
          .innerJoin(handlingUnits, eq(handlingUnits.id, replies.unitId))
          .where(and(eq(replies.tenantId, tenantId), inArray(replies.suggestionId, chunk), inArray(replies.kind, ['reply', 'final'])))
          .orderBy(asc(replies.createdAt), asc(replies.id)),
        db
          .select({ suggestionId: assignments.suggestionId, unitName: sql<string>`${handlingUnits.name}`.as('unit_name') })
          .from(assignments)
          .innerJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
          .where(
            and(
              eq(assignments.tenantId, tenantId),
              inArray(assignments.suggestionId, chunk),
              inArray(assignments.role, ['lead', 'split']),
              sql`${assignments.state} <> 'withdrawn'`,
            ),
          )
          .orderBy(asc(assignments.id)),
      ]);
      for (const s of main) {
        const own = texts.filter((t) => t.suggestionId === s.id);
        const replied = own.filter((t) => t.kind === 'reply');
        out.set(s.id, {
          id: s.id,
          number: s.number,
          title: s.title,
          content: s.content,
          state: s.state,
          replyClass: s.replyClass,
          submittedAt: s.submittedAt,
          deputies: [
            ...leads.filter((p) => p.suggestionId === s.id).map((p) => ({ ...privacy(p), lead: true })),
            ...cosigners.filter((p) => p.suggestionId === s.id).map((p) => ({ ...privacy(p), lead: false })),
          ],
          texts: own,
          unitNames: [...new Set(units.filter((u) => u.suggestionId === s.id).map((u) => u.unitName))].join('、'),
          repliedAt: replied.length ? Math.max(...replied.map((t) => t.createdAt)) : null,
        });
      }
    }
    return out;
  }

  return {
    sources,

    /** One suggestion's source, or undefined if it is not this tenant's. */
    async source(id: number): Promise<PublicationSource | undefined> {
      return (await sources([id])).get(id);
    },

    /** The publication of a suggestion, if it was ever published. */
    status(id: number): Promise<PublicationStatus | undefined> {
      return db
        .select(publicationStatusColumns)
        .from(publications)
        .where(and(ofTenant, eq(publications.suggestionId, id)))
        .get();
    },

    /** Which of these suggestions are published now. */
    async publishedAmong(ids: number[]): Promise<Set<number>> {
      const out = new Set<number>();
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const rows = await db
          .select({ id: publications.suggestionId })
          .from(publications)
          .where(and(ofTenant, eq(publications.published, true), inArray(publications.suggestionId, ids.slice(i, i + ID_CHUNK))))
          .all();
        for (const r of rows) out.add(r.id);
      }
      return out;
    },

    /** 公开 (or 修改公开内容): the public copy and its timeline event, in one batch. */
    async publish(p: NewPublication, note: string | null, actor: Actor, now: number) {
      const [first, ...rest] = publishStatements(p, note, actor, now);
      await db.batch([first, ...rest]);
    },

    /**
     * 批量公开: each chunk one atomic batch, refused as a whole if one of its
     * suggestions was published or moved meanwhile; returns how many were done.
     */
    async publishMany(list: NewPublication[], note: string, actor: Actor, now: number): Promise<number> {
      let done = 0;
      for (let i = 0; i < list.length; i += BULK_CHUNK) {
        const chunk = list.slice(i, i + BULK_CHUNK);
        const statements = chunk.flatMap((p) => [
          precondition(
            db,
            sql`not exists (select 1 from ${publications} where ${publications.tenantId} = ${tenantId}
              and ${publications.suggestionId} = ${p.source.id} and ${publications.published} = 1)`,
          ),
          ...publishStatements(p, note, actor, now),
        ]);
        const [first, ...rest] = statements;
        if (!first) break;
        await db.batch([first, ...rest]);
        done += chunk.length;
      }
      return done;
    },

    /** 撤回公开: the public pages stop showing it at once; the copy is kept. */
    async unpublish(id: number, actor: Actor, now: number) {
      await db.batch([
        precondition(
          db,
          sql`exists (select 1 from ${publications} where ${publications.tenantId} = ${tenantId}
            and ${publications.suggestionId} = ${id} and ${publications.published} = 1)`,
        ),
        db
          .update(publications)
          .set({ published: false, updatedAt: now })
          .where(and(ofTenant, eq(publications.suggestionId, id))),
        w.event(id, actor, 'unpublish', null, null, null, now),
      ]);
    },

    /**
     * 待公开: replied suggestions never published, the longest waiting
     * first (so the ones past the disclosure window lead), and the number
     * published now.
     */
    async pending(limit = 500) {
      const repliedAt = sql<number>`(select max(r.created_at) from ${replies} r where r.tenant_id = ${tenantId}
        and r.suggestion_id = "suggestions"."id" and r.kind = 'reply')`;
      const [rows, published] = await db.batch([
        db
          .select({
            id: suggestions.id,
            number: suggestions.number,
            title: suggestions.title,
            state: suggestions.state,
            replyClass: suggestions.replyClass,
            repliedAt: repliedAt.as('replied_at'),
          })
          .from(suggestions)
          .leftJoin(publications, and(eq(publications.tenantId, tenantId), eq(publications.suggestionId, suggestions.id)))
          .where(and(eq(suggestions.tenantId, tenantId), inArray(suggestions.state, [...PUBLISHABLE_STATES]), isNull(publications.id)))
          .orderBy(sql`replied_at`, asc(suggestions.id))
          .limit(limit),
        db
          .select({ n: sql<number>`count(*)`.as('n') })
          .from(publications)
          .where(and(ofTenant, eq(publications.published, true))),
      ]);
      return {
        items: rows.filter((r): r is typeof r & { repliedAt: number } => r.repliedAt !== null),
        publishedCount: published[0]?.n ?? 0,
      };
    },
  };
}

export type PublicationRepo = ReturnType<typeof publicationRepo>;
