/** The county's directory: liaison stations, deputies, handling units, suggestion categories. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenantOwned, createdAt } from './columns';

/** 代表联络站 */
export const liaisonStations = sqliteTable(
  'liaison_stations',
  {
    ...tenantOwned(),
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
    ...tenantOwned(),
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
    ...tenantOwned(),
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
    ...tenantOwned(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    retiredAt: integer('retired_at'),
  },
  (t) => [uniqueIndex('categories_tenant_name').on(t.tenantId, t.name)],
);
