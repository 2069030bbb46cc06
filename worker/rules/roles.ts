/**
 * Roles of DOMAIN.md ("Who uses it") and what each may do: one table, so a
 * reader finds "may a liaison clerk submit for a deputy?" in one place.
 */

export const TENANT_ROLES = [
  'deputy', // 人大代表
  'liaison_clerk', // 联络员
  'staff', // 代表工委工作人员
  'secretary', // 督办秘书
  'chair', // 人大主任
  'unit_clerk', // 承办单位经办人
  'tenant_admin', // 系统管理员
] as const;

export type TenantRole = (typeof TENANT_ROLES)[number];
/** 平台运维: belongs to no tenant. */
export type Role = TenantRole | 'platform_operator';

export const ACTIONS = [
  /** Raise a suggestion as its lead deputy. */
  'suggestion.submit_own',
  /** Enter a suggestion on behalf of a deputy (records who typed it). */
  'suggestion.submit_for_deputy',
  /** See suggestions one leads, co-signs or entered. */
  'suggestion.view_own',
  /** See every suggestion of the tenant (the incoming list, detail, timeline). */
  'suggestion.view_all',
  /** See suggestions assigned to one's own handling unit. */
  'suggestion.view_assigned',
  /** 审查: accept, return for revision, reject, merge, classify, close, correct a class. */
  'suggestion.review',
  /** 交办: assign, reassign, approve or refuse a return, extend a deadline. */
  'suggestion.assign',
  /** A unit's work: sign for, ask for return, opinion, contact, reply, progress. */
  'suggestion.handle',
  /** 督办: raise a colour by hand, record a supervision letter, interview, notice or visit. */
  'suggestion.supervise',
  /** Rate a reply (the lead deputy). */
  'suggestion.rate',
  /** 公开: publish a replied suggestion (redacted as needed) or take it down. */
  'suggestion.publish',
  /** 统计: figures, rankings, exports, the annual report and 评优. */
  'statistics.view',
  /** 评优: mark excellent suggestions and advanced units of a year. */
  'statistics.evaluate',
  /** 单月座谈议题: see the topics and each one's 参与情况通报. */
  'forum.report',
  /** 单月座谈议题: set a month's topic. */
  'forum.manage',
  /** 代表履职档案: one's own ledger (a deputy). */
  'ledger.view_own',
  /** 代表履职档案: every deputy's ledger and the yearly table. */
  'ledger.view_all',
  /** 代表履职档案: add training, inspection, meeting… entries. */
  'ledger.manage',
  /** 接待日 ("321"): see receptions, voters' issues, the month's lists, summary and station ranking (a clerk: own station). */
  'reception.view',
  /** 接待日: schedule, change or cancel a reception (a clerk: at their own station). */
  'reception.schedule',
  /** 接待日: log voters' issues and record how each ends and the voter's feedback (a clerk: own station). */
  'reception.log',
  /** 民生实事项目: see every project, ballot and result (read only). */
  'project.view',
  /** 民生实事项目: propose a candidate project. */
  'project.propose',
  /** 民生实事项目: moderate, shortlist, plan, run ballots and resolve ties. */
  'project.manage',
  /** 民生实事项目: vote on a ballot and rate a chosen project (eligible deputies). */
  'project.vote',
  /** 民生实事项目: report progress on a chosen project of one's own unit. */
  'project.progress',
  /** Tenant administration pages. */
  'tenant.administer',
  /** The platform console. */
  'platform.operate',
] as const;

export type Action = (typeof ACTIONS)[number];

/** Who may do what. Ownership (which suggestion) is checked by `canSeeSuggestion`. */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'suggestion.submit_own': ['deputy'],
  'suggestion.submit_for_deputy': ['liaison_clerk'],
  'suggestion.view_own': ['deputy', 'liaison_clerk'],
  'suggestion.view_all': ['staff', 'secretary', 'chair'],
  'suggestion.view_assigned': ['unit_clerk'],
  'suggestion.review': ['staff'],
  'suggestion.assign': ['staff'],
  'suggestion.handle': ['unit_clerk'],
  'suggestion.rate': ['deputy'],
  'suggestion.publish': ['staff'],
  'suggestion.supervise': ['staff', 'secretary', 'chair'],
  'statistics.view': ['staff', 'secretary', 'chair'],
  'statistics.evaluate': ['staff'],
  'forum.report': ['staff', 'secretary', 'chair'],
  'forum.manage': ['staff'],
  'ledger.view_own': ['deputy'],
  'ledger.view_all': ['staff', 'secretary', 'chair'],
  'ledger.manage': ['staff'],
  'reception.view': ['staff', 'liaison_clerk', 'secretary', 'chair'],
  'reception.schedule': ['staff', 'liaison_clerk'],
  'reception.log': ['staff', 'liaison_clerk'],
  'project.view': ['staff', 'secretary', 'chair'],
  'project.propose': ['staff', 'deputy'],
  'project.manage': ['staff'],
  'project.vote': ['deputy'],
  'project.progress': ['unit_clerk'],
  'tenant.administer': ['tenant_admin'],
  'platform.operate': ['platform_operator'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

export function isTenantRole(value: string): value is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(value);
}

/** The signed-in person, as the rules need to see them. */
export interface Actor {
  userId: number;
  role: Role;
  deputyId: number | null;
  unitId?: number | null;
}

/** The parts of a suggestion that decide who may see it. */
export interface SuggestionOwnership {
  leadDeputyId: number;
  enteredByUserId: number;
  cosignerDeputyIds: readonly number[];
  /** Units with a (not withdrawn) part in it. */
  assignedUnitIds?: readonly number[];
}

/**
 * A deputy sees what they lead or co-sign; a liaison clerk what they typed;
 * a unit's clerk what is assigned to their unit; staff, secretary and chair
 * see everything in their tenant.
 */
export function canSeeSuggestion(actor: Actor, s: SuggestionOwnership): boolean {
  if (can(actor.role, 'suggestion.view_all')) return true;
  if (can(actor.role, 'suggestion.view_assigned')) {
    return actor.unitId != null && (s.assignedUnitIds ?? []).includes(actor.unitId);
  }
  if (!can(actor.role, 'suggestion.view_own')) return false;
  if (actor.deputyId !== null) {
    if (s.leadDeputyId === actor.deputyId) return true;
    if (s.cosignerDeputyIds.includes(actor.deputyId)) return true;
  }
  return s.enteredByUserId === actor.userId;
}
