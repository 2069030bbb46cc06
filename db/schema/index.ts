/**
 * The D1 schema. Every tenant-owned table carries `tenant_id`; queries on
 * those tables live in `db/tenant-data/`, which always adds the tenant.
 * Indexes are chosen for the hot queries (lists by tenant + state, a
 * deputy's own suggestions, the timeline of one suggestion).
 */
export * from './tenancy';
export * from './directory';
export * from './accounts';
export * from './suggestions';
export * from './handling';
export * from './supervision';
export * from './publications';
export * from './receptions';
export * from './forums';
export * from './ledger';
export * from './projects';
export * from './audit';
export * from './write-guards';
