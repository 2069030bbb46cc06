/**
 * A fresh, small county per test: stations, deputies, units, categories and
 * one account per role, all with the password `TEST_PASSWORD`. Test storage
 * is shared within a file, so every test builds its own tenant.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';
import { NATIONAL_CALENDAR } from '../../db/seed/national-calendar';

export const TEST_PASSWORD = 'Test@2026';
let hashed: Promise<string> | undefined;
/** One real PBKDF2 hash shared by every test account (hashing is the slow part). */
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let counter = 0;

/** The national calendar (holidays and 调休), as a new tenant gets it. */
async function seedCalendar(d1: D1Database, tenantId: number) {
  const stmt = d1.prepare('insert into calendar_days (tenant_id, date, kind, name) values (?, ?, ?, ?)');
  await d1.batch(NATIONAL_CALENDAR.map((d) => stmt.bind(tenantId, d.date, d.kind, d.name)));
}

/** The D1 database of a shard binding in the tests (DB or DB2). */
export function shardD1(binding: ShardName): D1Database {
  return binding === 'DB2' ? env.DB2! : env.DB;
}

export type ShardName = 'DB' | 'DB2';

export interface World {
  tenantId: number;
  /** The shard holding the county's rows (its registry row is always in DB). */
  binding: ShardName;
  slug: string;
  base: string;
  deputies: number[];
  stations: number[];
  units: number[];
  categories: number[];
  users: Record<
    'deputy' | 'deputy2' | 'deputy3' | 'clerk' | 'staff' | 'secretary' | 'chair' | 'unit' | 'unit2' | 'unit3' | 'admin',
    { id: number; username: string }
  >;
}

/**
 * A county; with `{ binding: 'DB2' }` on the second shard: its registry row
 * in DB (which assigns the id), and its copy and every other row in DB2.
 */
export async function createWorld(label = 'county', options: { binding?: ShardName } = {}): Promise<World> {
  const binding = options.binding ?? 'DB';
  const registry = drizzle(env.DB, { schema });
  const db = drizzle(shardD1(binding), { schema });
  const slug = `${label}-${Date.now().toString(36)}-${++counter}`.slice(0, 40).toLowerCase();
  const [tenant] = await registry
    .insert(schema.tenants)
    .values({ slug, name: `${label}县人大常委会`, dbBinding: binding })
    .returning();
  const tenantId = tenant!.id;
  if (binding !== 'DB') await db.insert(schema.tenants).values(tenant!);
  const stations = await db
    .insert(schema.liaisonStations)
    .values([
      { tenantId, name: '城关镇代表联络站', township: '城关镇' },
      { tenantId, name: '毛庄镇代表联络站', township: '毛庄镇' },
    ])
    .returning();
  const deputies = await db
    .insert(schema.deputies)
    .values(
      ['张建国', '李秀兰', '王卫东', '赵丽娟', '陈志强'].map((name, i) => ({
        tenantId,
        name,
        level: i === 0 ? 'city' : 'county',
        stationId: stations[i % 2]!.id,
        phone: `1380000000${i}`,
      })),
    )
    .returning();
  const units = await db
    .insert(schema.handlingUnits)
    .values(['县农业农村局', '县交通运输局', '县财政局', '县水利局'].map((name) => ({ tenantId, name })))
    .returning();
  const categories = await db
    .insert(schema.categories)
    .values([
      { tenantId, name: '农业农村', sort: 1 },
      { tenantId, name: '交通运输', sort: 2 },
    ])
    .returning();
  await seedCalendar(shardD1(binding), tenantId);
  const hash = await passwordHash();
  const accounts = [
    ['deputy', 'deputy', { deputyId: deputies[0]!.id }],
    ['deputy2', 'deputy', { deputyId: deputies[1]!.id }],
    ['deputy3', 'deputy', { deputyId: deputies[2]!.id }],
    ['clerk', 'liaison_clerk', { stationId: stations[0]!.id }],
    ['staff', 'staff', {}],
    ['secretary', 'secretary', {}],
    ['chair', 'chair', {}],
    ['unit', 'unit_clerk', { unitId: units[0]!.id }],
    ['unit2', 'unit_clerk', { unitId: units[1]!.id }],
    ['unit3', 'unit_clerk', { unitId: units[2]!.id }],
    ['admin', 'tenant_admin', {}],
  ] as const;
  const rows = await db
    .insert(schema.users)
    .values(
      accounts.map(([username, role, extra]) => ({
        tenantId,
        username,
        displayName: `${username}的名字`,
        role,
        passwordHash: hash,
        ...extra,
      })),
    )
    .returning();
  const users = Object.fromEntries(rows.map((r) => [r.username, { id: r.id, username: r.username }])) as World['users'];
  return {
    tenantId,
    binding,
    slug,
    base: `/t/${slug}`,
    deputies: deputies.map((d) => d.id),
    stations: stations.map((s) => s.id),
    units: units.map((u) => u.id),
    categories: categories.map((c) => c.id),
    users,
  };
}
