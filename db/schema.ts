/**
 * The D1 schema. Every tenant-owned table carries `tenant_id`; queries on
 * those tables live in `db/tenant-data.ts`, which always adds the tenant.
 * Indexes are chosen for the hot queries (lists by tenant + state, a
 * deputy's own suggestions, the timeline of one suggestion).
 */
import { sql } from 'drizzle-orm';
import {
  sqliteTable,
  text,
  integer,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

/** A county congress (县人大常委会). */
export const tenants = sqliteTable('tenants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** active | suspended */
  status: text('status').notNull().default('active'),
  /** What a suspended county's users are told (set by the operator). */
  suspensionNotice: text('suspension_notice'),
  suspendedAt: integer('suspended_at'),
  /** The tenant registry: which D1 binding holds this tenant's rows (see db/client.ts). */
  dbBinding: text('db_binding').notNull().default('DB'),
  createdAt: createdAt(),
});

/** A county's own domain, e.g. rd.taikang.gov.cn, mapped to its tenant. */
export const tenantHostnames = sqliteTable('tenant_hostnames', {
  hostname: text('hostname').primaryKey(),
  tenantId: integer('tenant_id')
    .notNull()
    .references(() => tenants.id),
});

/** 代表联络站 */
export const liaisonStations = sqliteTable(
  'liaison_stations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    township: text('township'),
    /** county | township */
    level: text('level').notNull().default('township'),
    retiredAt: integer('retired_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('liaison_stations_tenant_name').on(t.tenantId, t.name)],
);

/** 人大代表 of any of the five levels living in the county. */
export const deputies = sqliteTable(
  'deputies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** national | provincial | city | county | township */
    level: text('level').notNull(),
    stationId: integer('station_id').references(() => liaisonStations.id),
    /** 代表团 / 代表小组 */
    groupName: text('group_name'),
    phone: text('phone'),
    address: text('address'),
    /** The deputy asked that their name be withheld from public pages. */
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    retiredAt: integer('retired_at'),
    createdAt: createdAt(),
  },
  (t) => [index('deputies_tenant_name').on(t.tenantId, t.name)],
);

/** 承办单位 */
export const handlingUnits = sqliteTable(
  'handling_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    headContact: text('head_contact'),
    phone: text('phone'),
    email: text('email'),
    retiredAt: integer('retired_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('handling_units_tenant_name').on(t.tenantId, t.name)],
);

/** Suggestion categories (建议类别), per tenant. */
export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    retiredAt: integer('retired_at'),
  },
  (t) => [uniqueIndex('categories_tenant_name').on(t.tenantId, t.name)],
);

/**
 * An account. A user has one role in one tenant; the platform operator has
 * no tenant (`tenant_id` is null).
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id').references(() => tenants.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** see worker/rules/roles.ts */
    role: text('role').notNull(),
    /** pbkdf2-sha256$iterations$salt$hash, see worker/auth/password.ts */
    passwordHash: text('password_hash').notNull(),
    deputyId: integer('deputy_id').references(() => deputies.id),
    unitId: integer('unit_id').references(() => handlingUnits.id),
    stationId: integer('station_id').references(() => liaisonStations.id),
    /** Where alert emails go (optional). */
    email: text('email'),
    disabledAt: integer('disabled_at'),
    /** SHA-256 of the one-time password-reset code the admin handed out, and when it lapses. */
    resetCodeHash: text('reset_code_hash'),
    resetCodeExpiresAt: integer('reset_code_expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_tenant_username').on(t.tenantId, t.username),
    index('users_tenant_role').on(t.tenantId, t.role),
  ],
);

/** A login session; only the SHA-256 of the cookie token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** null for the platform operator */
    tenantId: integer('tenant_id').references(() => tenants.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Failed-login counters for rate limiting, keyed by account or by IP
 * (e.g. `acct:3:zhangsan`, `ip:203.0.113.9`).
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});

/** 代表建议 */
export const suggestions = sqliteTable(
  'suggestions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Human number shown to users, e.g. 2026-0007 (assigned on submit). */
    number: text('number'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    /** see SOURCE_CHANNELS in worker/rules/suggestion.ts */
    sourceChannel: text('source_channel').notNull(),
    /** 领衔代表 */
    leadDeputyId: integer('lead_deputy_id')
      .notNull()
      .references(() => deputies.id),
    /** Who typed it: the deputy, or a liaison clerk on the deputy's behalf. */
    enteredByUserId: integer('entered_by_user_id')
      .notNull()
      .references(() => users.id),
    /** see worker/rules/suggestion-states.ts */
    state: text('state').notNull(),
    /** Client-generated key that makes a retried submit create one suggestion. */
    idempotencyKey: text('idempotency_key'),
    /** 重点建议, with its supervising leader (领衔督办领导). */
    isKey: integer('is_key', { mode: 'boolean' }).notNull().default(false),
    supervisingLeader: text('supervising_leader'),
    /** The leader's account (a chair or vice-chair), alerted with the key suggestion's yellow and red. */
    supervisingLeaderUserId: integer('supervising_leader_user_id'),
    /** 单月座谈议题 the suggestion was raised under (forum_topics.id), if any. */
    forumTopicId: integer('forum_topic_id'),
    /** The suggestion this one was merged into (并案). */
    mergedIntoId: integer('merged_into_id'),
    /** Reply round: 1, then 2 after 不满意 sends it to rehandling, … */
    round: integer('round').notNull().default(1),
    /** Class of the latest reply (A/B/C/D), as corrected by staff if they did. */
    replyClass: text('reply_class'),
    /** The lead deputy's rating is due by this China date (set on each reply). */
    evaluationDue: text('evaluation_due'),
    closedAt: integer('closed_at'),
    /** 三色督办: the highest colour of its open stages (green | yellow | red). */
    colour: text('colour').notNull().default('green'),
    submittedAt: integer('submitted_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('suggestions_tenant_idempotency').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('suggestions_tenant_number').on(t.tenantId, t.number),
    index('suggestions_tenant_state_submitted').on(t.tenantId, t.state, t.submittedAt),
    index('suggestions_tenant_lead').on(t.tenantId, t.leadDeputyId, t.updatedAt),
    index('suggestions_tenant_evaluation_due').on(t.tenantId, t.state, t.evaluationDue),
    index('suggestions_tenant_colour').on(t.tenantId, t.colour, t.submittedAt),
    // 收到的建议 is ordered by submission; without this every page sorts the whole tenant.
    index('suggestions_tenant_submitted').on(t.tenantId, t.submittedAt),
    // Partial: only suggestions raised under a topic. A full index on (tenant_id, forum_topic_id)
    // was taken by the planner for the deputy's own list (tenant_id = ?) and made it 2.4× slower
    // (bench/load, docs/PERFORMANCE.md).
    index('suggestions_tenant_forum').on(t.tenantId, t.forumTopicId).where(sql`forum_topic_id is not null`),
  ],
);

/** 附议代表: co-signers of a suggestion. */
export const suggestionCosigners = sqliteTable(
  'suggestion_cosigners',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
  },
  (t) => [
    primaryKey({ columns: [t.suggestionId, t.deputyId] }),
    index('cosigners_tenant_deputy').on(t.tenantId, t.deputyId),
    index('cosigners_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

/** The timeline: every transition and action on a suggestion. */
export const suggestionEvents = sqliteTable(
  'suggestion_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    actorUserId: integer('actor_user_id').references(() => users.id),
    /** Name as shown at the time, kept even if the user is renamed later. */
    actorName: text('actor_name').notNull(),
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('events_tenant_suggestion').on(t.tenantId, t.suggestionId, t.createdAt)],
);

/** Tenant settings (DOMAIN.md defaults apply where a key is absent). */
export const settings = sqliteTable(
  'settings',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    /** JSON */
    value: text('value').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** A tenant's working-day calendar: public holidays and 调休 make-up working days. */
export const calendarDays = sqliteTable(
  'calendar_days',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** China date, YYYY-MM-DD */
    date: text('date').notNull(),
    /** holiday | workday */
    kind: text('kind').notNull(),
    name: text('name'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);

/**
 * 交办: one handling unit's part in a suggestion — the lead unit (主办),
 * an assisting unit (协办), or one of several units under split handling
 * (分办). Due dates are computed once when assigned and stored.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => handlingUnits.id),
    /** lead | assist | split */
    role: text('role').notNull(),
    /** assigned | in_progress | return_requested | replied | withdrawn */
    state: text('state').notNull(),
    assignedAt: integer('assigned_at').notNull(),
    /** Last day to ask for a return (申请退回), China date. */
    returnDue: text('return_due').notNull(),
    /** Assisting units: last day for the written opinion to the lead unit. */
    opinionDue: text('opinion_due'),
    /** Lead and split units: last day for the reply (moved only by an extension). */
    replyDue: text('reply_due'),
    /** The reply due date first set, kept when extended. */
    originalReplyDue: text('original_reply_due'),
    signedAt: integer('signed_at'),
    opinionAt: integer('opinion_at'),
    repliedAt: integer('replied_at'),
    returnReason: text('return_reason'),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [
    index('assignments_tenant_unit_state_due').on(t.tenantId, t.unitId, t.state, t.replyDue),
    index('assignments_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

/** Written texts from units: assisting opinions, replies, progress updates, final replies. */
export const replies = sqliteTable(
  'replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => handlingUnits.id),
    /** opinion | reply | progress | final */
    kind: text('kind').notNull(),
    round: integer('round').notNull(),
    body: text('body').notNull(),
    signer: text('signer'),
    /** A/B/C/D for replies */
    replyClass: text('reply_class'),
    /** Class B: the promised completion date (China date). */
    promisedDate: text('promised_date'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('replies_tenant_suggestion').on(t.tenantId, t.suggestionId, t.createdAt)],
);

/** A file attached to a reply (scanned letter, photo); the bytes live in R2 under `r2Key`. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    replyId: integer('reply_id').references(() => replies.id),
    r2Key: text('r2_key').notNull().unique(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

/** 见面/沟通: a unit's recorded contact with the deputy. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => handlingUnits.id),
    contactedOn: text('contacted_on').notNull(),
    /** unit_head | deputy_head | staff */
    who: text('who').notNull(),
    /** meeting | site_visit | phone | other */
    how: text('how').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('contacts_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

/** 满意度测评: the lead deputy's rating of one reply round. */
export const ratings = sqliteTable(
  'ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    round: integer('round').notNull(),
    /** satisfied | basically | unsatisfied (办理态度) */
    attitude: text('attitude').notNull(),
    /** satisfied | basically | unsatisfied (办理结果) */
    result: text('result').notNull(),
    comment: text('comment'),
    ratedByUserId: integer('rated_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('ratings_suggestion_round').on(t.suggestionId, t.round)],
);

/** In-app notifications, one row per user. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    suggestionId: integer('suggestion_id').references(() => suggestions.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notifications_tenant_user_unread').on(t.tenantId, t.userId, t.readAt, t.createdAt)],
);

/**
 * Precondition rows: a statement inserts NULL here only when a batch's
 * precondition fails, and the NOT NULL constraint then aborts the whole
 * batch (see db/guard.ts). The table stays empty.
 */
export const writeGuards = sqliteTable('write_guards', {
  ok: integer('ok').notNull(),
});

/**
 * One stage with a due date (三色督办): a unit's sign-for/return window,
 * assisting opinion, reply or rehandling; the deputy's evaluation; a B-class
 * promise. The colour is stored; the scheduled scan finds the rows whose
 * colour must change through the two partial indexes below, never by
 * scanning open items.
 */
export const deadlines = sqliteTable(
  'deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    assignmentId: integer('assignment_id').references(() => assignments.id),
    /** see STAGES in worker/rules/colour.ts */
    stage: text('stage').notNull(),
    /** China dates */
    dueDate: text('due_date').notNull(),
    yellowFrom: text('yellow_from').notNull(),
    colour: text('colour').notNull().default('green'),
    createdAt: integer('created_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    index('deadlines_turning_yellow').on(t.yellowFrom).where(sql`colour = 'green' and ended_at is null`),
    index('deadlines_turning_red').on(t.dueDate).where(sql`colour <> 'red' and ended_at is null`),
    index('deadlines_tenant_suggestion').on(t.tenantId, t.suggestionId),
    // The supervision board: a tenant's open yellow and red stages.
    index('deadlines_tenant_open_colour').on(t.tenantId, t.colour, t.dueDate).where(sql`ended_at is null`),
  ],
);

/** One alert per (stage, colour): the unique index makes a second one impossible. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deadlineId: integer('deadline_id')
      .notNull()
      .references(() => deadlines.id),
    colour: text('colour').notNull(),
    /** The write that created it, so the same batch can tell it was the one. */
    writeId: text('write_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('alerts_deadline_colour').on(t.deadlineId, t.colour), index('alerts_write').on(t.writeId)],
);

/**
 * Outbound deliveries of an alert (email, group-robot webhook), one row per
 * (alert, channel, target) once it was sent — or, after the last retry, its
 * dead-letter record with the error.
 */
export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id),
    /** email | webhook */
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    /** sent | dead */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    lastError: text('last_error'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('alert_deliveries_once').on(t.alertId, t.channel, t.target)],
);

/**
 * The daily digest (每日督办简报) of a tenant: one row per China date, so a
 * repeated or concurrent run sends nothing twice. The text is kept as sent.
 */
export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: text('day').notNull(),
    yellow: integer('yellow').notNull(),
    red: integer('red').notNull(),
    /** The red list as sent (one line per item). */
    body: text('body').notNull(),
    writeId: text('write_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('digests_tenant_day').on(t.tenantId, t.day), index('digests_write').on(t.writeId)],
);

/** Outbound deliveries of a digest (email, group robot): sent, or dead after the last retry. */
export const digestDeliveries = sqliteTable(
  'digest_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    lastError: text('last_error'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('digest_deliveries_once').on(t.digestId, t.channel, t.target)],
);

/** 评优: a year's excellent suggestions (优秀建议) and advanced handling units (先进承办单位), marked by staff. */
export const commendations = sqliteTable(
  'commendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    /** suggestion | unit */
    kind: text('kind').notNull(),
    /** A suggestion's or a handling unit's id (by kind). */
    targetId: integer('target_id').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('commendations_once').on(t.tenantId, t.year, t.kind, t.targetId)],
);

/** 督办: what the secretary or chair did about an item — 督办函, 约谈, 通报, site visit. */
export const supervisionActions = sqliteTable(
  'supervision_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    /** letter | interview | notice | site_visit */
    kind: text('kind').notNull(),
    actedOn: text('acted_on').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('supervision_actions_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

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
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    suggestionId: integer('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
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
    publishedByUserId: integer('published_by_user_id')
      .notNull()
      .references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('publications_suggestion').on(t.suggestionId),
    // The public list and the echo wall: a tenant's published items, newest first.
    index('publications_tenant_published').on(t.tenantId, t.published, t.publishedAt),
  ],
);

/**
 * 操作日志: who changed what, when. Tenant administration (users, settings,
 * calendar, directories, imports) and the operator's actions on a tenant.
 * `tenant_id` is null for platform-level entries (a tenant created, deleted).
 * No foreign keys: an entry outlives what it describes. `details` is JSON
 * (e.g. `{ "before": …, "after": … }`); the viewer renders it, the action
 * key is named in views/i18n.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id'),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    /** e.g. settings.update, calendar.import, user.create, deputy.retire */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** A readable name of the target at the time (a username, a unit's name). */
    targetLabel: text('target_label'),
    details: text('details'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('audit_log_tenant_time').on(t.tenantId, t.createdAt),
    index('audit_log_tenant_action_time').on(t.tenantId, t.action, t.createdAt),
    index('audit_log_tenant_actor_time').on(t.tenantId, t.actorUserId, t.createdAt),
  ],
);

/**
 * A personal API token for /api/v1 (the deputies' apps). Only the SHA-256
 * of the token is stored; `hint` is its last four characters so the owner
 * can tell tokens apart. Revoked tokens keep their row.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    hint: text('hint').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.tenantId, t.userId)],
);

/**
 * 接待日: a reception at a liaison station ("321": at least two deputies
 * attend). Scheduled ahead and shown on the county's public page.
 */
export const receptions = sqliteTable(
  'receptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => liaisonStations.id),
    /** China date, YYYY-MM-DD */
    date: text('date').notNull(),
    /** HH:MM, China time */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    place: text('place').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    cancelledAt: integer('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [index('receptions_tenant_date').on(t.tenantId, t.date), index('receptions_tenant_station_date').on(t.tenantId, t.stationId, t.date)],
);

/** The deputies who receive voters at a reception (坐班代表). */
export const receptionDeputies = sqliteTable(
  'reception_deputies',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    receptionId: integer('reception_id')
      .notNull()
      .references(() => receptions.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
  },
  (t) => [primaryKey({ columns: [t.receptionId, t.deputyId] }), index('reception_deputies_deputy').on(t.tenantId, t.deputyId)],
);

/**
 * A voter's issue logged at a reception (收集问题). It ends as one of:
 * answered on the spot, turned into a suggestion (linked both ways through
 * `suggestion_id`), or handed to the township with a time limit (限时反馈);
 * the voter's feedback is recorded. `measure` is the proposed measure (对策建议).
 */
export const voterIssues = sqliteTable(
  'voter_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    receptionId: integer('reception_id').references(() => receptions.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => liaisonStations.id),
    voterName: text('voter_name').notNull(),
    voterContact: text('voter_contact'),
    content: text('content').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    measure: text('measure'),
    /** open | answered | suggestion | handed_over */
    outcome: text('outcome').notNull().default('open'),
    outcomeNote: text('outcome_note'),
    suggestionId: integer('suggestion_id').references(() => suggestions.id),
    handedTo: text('handed_to'),
    /** China date by which the township must answer (handed_over). */
    dueDate: text('due_date'),
    feedback: text('feedback'),
    feedbackAt: integer('feedback_at'),
    closedAt: integer('closed_at'),
    loggedByUserId: integer('logged_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('voter_issues_tenant_station_time').on(t.tenantId, t.stationId, t.createdAt),
    index('voter_issues_tenant_reception').on(t.tenantId, t.receptionId),
    index('voter_issues_tenant_outcome_due').on(t.tenantId, t.outcome, t.dueDate),
    index('voter_issues_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

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

/** 代表履职档案: entries staff add by hand (training, inspection, meeting…). */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
    /** training | inspection | meeting | other */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    occurredOn: text('occurred_on').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_tenant_deputy_date').on(t.tenantId, t.deputyId, t.occurredOn)],
);

/** 民生实事项目: a candidate, then (if voted in) a project under way. */
export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Budget in yuan. */
    budgetYuan: integer('budget_yuan'),
    unitId: integer('unit_id').references(() => handlingUnits.id),
    /** staff | deputy | public */
    proposerKind: text('proposer_kind').notNull(),
    proposerName: text('proposer_name'),
    proposerContact: text('proposer_contact'),
    proposerUserId: integer('proposer_user_id').references(() => users.id),
    /** pending (public, awaiting moderation) | candidate | rejected | shortlisted | chosen | not_chosen */
    status: text('status').notNull(),
    /** China date the chosen project is planned to finish. */
    plannedFinish: text('planned_finish'),
    progressPercent: integer('progress_percent').notNull().default(0),
    /** green | yellow | red (behind plan) */
    colour: text('colour').notNull().default('green'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('projects_tenant_year_status').on(t.tenantId, t.year, t.status)],
);

/** Progress reports of a chosen project from its responsible unit. */
export const projectUpdates = sqliteTable(
  'project_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    percent: integer('percent').notNull(),
    note: text('note').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('project_updates_project').on(t.tenantId, t.projectId, t.createdAt)],
);

/** 票决: a ballot of N places over more candidates than places (差额). */
export const ballots = sqliteTable(
  'ballots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    places: integer('places').notNull(),
    /** draft | open | closed */
    status: text('status').notNull().default('draft'),
    opensAt: integer('opens_at'),
    closesAt: integer('closes_at'),
    closedAt: integer('closed_at'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('ballots_tenant_year').on(t.tenantId, t.year)],
);

/** A candidate on a ballot and its running tally (no link to who voted for it). */
export const ballotCandidates = sqliteTable(
  'ballot_candidates',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    votes: integer('votes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.projectId] })],
);

/** That a deputy voted on a ballot — never what they chose, and no time. */
export const ballotVoters = sqliteTable(
  'ballot_voters',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.deputyId] })],
);

/** Year-end satisfaction vote of deputies on a chosen project. */
export const projectSatisfaction = sqliteTable(
  'project_satisfaction',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    deputyId: integer('deputy_id')
      .notNull()
      .references(() => deputies.id),
    /** satisfied | basically | unsatisfied */
    rating: text('rating').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.deputyId] })],
);
