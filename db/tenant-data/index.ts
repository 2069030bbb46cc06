/**
 * Every query on a tenant's own rows. `tenantData(db, tenantId)` returns
 * repositories bound to one tenant: each query adds `tenant_id = ?` itself,
 * so a handler cannot forget it and cannot reach another tenant's rows.
 * Handlers get this object from the request context (see worker/context.ts).
 * The queries live beside this file by area (suggestions.ts,
 * suggestion-detail.ts, lists.ts) and in db/repos/.
 *
 * In a `batch()`, rows come back keyed by column name, so two result columns
 * that share a name (two `name`s in a join) collapse into one and every later
 * field shifts: joined columns with a common name get their own alias here.
 */
import type { Database } from '../client';
import { handling } from '../repos/handling';
import { statistics } from '../statistics';
import { commendationRepo } from '../repos/commendations';
import { tenantConfig } from '../repos/tenant-config';
import { auditRepo } from '../repos/audit';
import { receptionRepo } from '../repos/receptions';
import { userAdminRepo } from '../repos/user-admin';
import { publicationRepo } from '../repos/publications';
import { forumRepo } from '../repos/forums';
import { ledgerRepo } from '../repos/ledger';
import { projectRepo } from '../repos/projects';
import { directoryRepo } from '../repos/directory';
import { apiTokenRepo } from '../repos/api-tokens';
import { listQueries } from './lists';
import { suggestionQueries } from './suggestions';

export { PAGE_SIZE } from './shared';
export type { CategoryRow, DeputyRow } from './lists';
export type { NewSuggestion, SuggestionListItem } from './suggestions';
export type { AssignmentView, SuggestionDetail } from './suggestion-detail';

export function tenantData(db: Database, tenantId: number) {
  return {
    tenantId,

    /** Calendar and settings, as the tenant admin edits them. */
    tenantConfig: tenantConfig(db, tenantId),
    /** 操作日志 (db/repos/audit.ts). */
    audit: auditRepo(db, tenantId),
    /** 接待日 and voters' issues ("321") (db/repos/receptions/). */
    receptions: receptionRepo(db, tenantId),
    /** 基础名录: deputies, units, stations, categories and their import (db/repos/directory.ts). */
    directory: directoryRepo(db, tenantId),
    /** 账号管理 (db/repos/user-admin.ts). */
    userAdmin: userAdminRepo(db, tenantId),
    /** 接口令牌: the /api/v1 tokens (db/repos/api-tokens.ts). */
    apiTokens: apiTokenRepo(db, tenantId),

    /** The writes of a suggestion's life (db/repos/handling.ts). */
    handling: handling(db, tenantId),
    /** 公开: publishing replies and the 待公开 reminder (db/repos/publications.ts). */
    publications: publicationRepo(db, tenantId),
    /** The statistics page's figures (SQL aggregation, one round trip). */
    statistics: statistics(db, tenantId),
    /** 评优 marks (db/repos/commendations.ts). */
    commendations: commendationRepo(db, tenantId),
    /** 单月座谈议题 and the 参与情况通报 (db/repos/forums.ts). */
    forums: forumRepo(db, tenantId),
    /** 代表履职档案 (db/repos/ledger.ts). */
    ledger: ledgerRepo(db, tenantId),
    /** 民生实事项目票决制 (db/repos/projects/). */
    projects: projectRepo(db, tenantId),
    ...listQueries(db, tenantId),
    suggestions: suggestionQueries(db, tenantId),
  };
}

export type TenantData = ReturnType<typeof tenantData>;
