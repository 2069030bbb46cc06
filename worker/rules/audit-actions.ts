/**
 * What the audit log (操作日志) records: one key per kind of change. The
 * viewer names each key from views/text/audit.ts; add a key here and its
 * label there together.
 */
export const AUDIT_ACTIONS = [
  'settings.update',
  'calendar.import',
  'calendar.remove',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'deputy.create',
  'deputy.update',
  'deputy.retire',
  'deputy.restore',
  'unit.create',
  'unit.update',
  'unit.retire',
  'unit.restore',
  'station.create',
  'station.update',
  'station.retire',
  'station.restore',
  'category.create',
  'category.update',
  'category.retire',
  'category.restore',
  'reception.schedule',
  'reception.update',
  'reception.cancel',
  'voter_issue.log',
  'voter_issue.answer',
  'voter_issue.to_suggestion',
  'voter_issue.hand_over',
  'voter_issue.feedback',
  'import.deputies',
  'import.units',
  'tenant.create',
  'tenant.suspend',
  'tenant.resume',
  'tenant.export',
  'tenant.restore',
  'tenant.delete',
  'api_token.create',
  'api_token.revoke',
  'forum.create',
  'ledger.add_entry',
  'project.propose',
  'project.moderate',
  'project.shortlist',
  'project.plan',
  'project.progress',
  'ballot.create',
  'ballot.close',
  'ballot.resolve',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
