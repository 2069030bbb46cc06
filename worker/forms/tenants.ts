/**
 * The operator's forms, pure: a new county (slug, name, mapped hostnames,
 * first admin), a restored county (slug, name, hostnames), a suspension
 * notice. Each problem is a message next to its field; uniqueness against
 * the database is checked by the route with the answers of db/platform-data.
 */
import { text } from '../../views/text/index';
import * as z from 'zod';
import { charCount } from '../rules/char-count';
import { fileField, parsedBy, textField, type Parsed } from './validate';

/** 标识: what `/t/{slug}/` carries (worker/middleware/tenant.ts reads the same pattern). */
export const SLUG_RE = /^[a-z0-9-]{2,40}$/;
/** Slugs that would read as the platform's own paths or hosts. */
export const RESERVED_SLUGS = new Set(['platform', 'admin', 'api', 'assets', 'static', 't', 'www', 'login', 'logout', 'public', 'new', 'restore']);
/** 用户名 of the first admin: as the tenant admin's account form accepts it. */
export const ADMIN_USERNAME_RE = /^[a-z0-9_.-]{2,32}$/;
const NAME_MAX = 60;
const DISPLAY_NAME_MAX = 40;
const HOSTNAMES_MAX = 10;
const NOTICE_MAX = 500;
/** A DNS name with at least one dot: labels of letters, digits and inner hyphens. */
const HOSTNAME_RE = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

const m = text.operator.errors;

export type TenantFormValues = Record<'slug' | 'name' | 'hostnames' | 'admin_username' | 'admin_display_name' | 'db_binding', string>;
export type TenantFormErrors = Partial<Record<keyof TenantFormValues | 'archive' | 'form', string>>;

/** The new-county and restore forms before anything is typed. */
export const EMPTY_TENANT_FORM: TenantFormValues = {
  slug: '',
  name: '',
  hostnames: '',
  admin_username: '',
  admin_display_name: '',
  db_binding: 'DB',
};

export function tenantFormValues(body: Record<string, unknown>): TenantFormValues {
  const field = (k: string, max: number) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
  return {
    slug: field('slug', 100).trim().toLowerCase(),
    name: field('name', 200).trim(),
    hostnames: field('hostnames', 3000),
    admin_username: field('admin_username', 100).trim().toLowerCase(),
    admin_display_name: field('admin_display_name', 100).trim(),
    // The shard that will hold the county (db/client.ts); the platform's own database unless chosen.
    db_binding: field('db_binding', 20).trim() || 'DB',
  };
}

/** The hostnames typed one per line, lower-cased, blank lines dropped. */
export function hostnameLines(typed: string): string[] {
  return typed
    .split(/\r?\n/)
    .map((h) => h.trim().toLowerCase().replace(/\.$/, ''))
    .filter(Boolean);
}

export interface TenantTaken {
  slugTaken: boolean;
  /** Hostnames some county already uses. */
  hostnamesTaken: string[];
  /** The platform's own hosts (PLATFORM_HOSTS): never a county's. */
  platformHosts: string[];
  /** The shard bindings this Worker has (db/client.ts shardBindings). */
  shards: string[];
}

/** Slug, name and hostnames: shared by the create and restore forms. */
export function checkTenantFields(v: TenantFormValues, taken: TenantTaken): TenantFormErrors {
  const errors: TenantFormErrors = {};
  if (!SLUG_RE.test(v.slug)) errors.slug = m.slugInvalid;
  else if (RESERVED_SLUGS.has(v.slug)) errors.slug = m.slugReserved;
  else if (taken.slugTaken) errors.slug = m.slugTaken;
  if (!v.name) errors.name = m.nameRequired;
  else if (charCount(v.name) > NAME_MAX) errors.name = m.nameTooLong(NAME_MAX);
  const hosts = hostnameLines(v.hostnames);
  const bad = hosts.find((h) => !HOSTNAME_RE.test(h));
  const twice = hosts.find((h, i) => hosts.indexOf(h) !== i);
  const platform = hosts.find((h) => taken.platformHosts.includes(h));
  if (hosts.length > HOSTNAMES_MAX) errors.hostnames = m.hostnamesTooMany(HOSTNAMES_MAX);
  else if (bad) errors.hostnames = m.hostnameInvalid(bad);
  else if (twice) errors.hostnames = m.hostnameTwice(twice);
  else if (platform) errors.hostnames = m.hostnamePlatform(platform);
  else if (taken.hostnamesTaken.length) errors.hostnames = m.hostnameTaken(taken.hostnamesTaken.join('、'));
  if (!taken.shards.includes(v.db_binding)) errors.db_binding = m.shardUnknown;
  return errors;
}

/** The whole new-county form: the shared fields plus the first admin. */
export function checkNewTenant(v: TenantFormValues, taken: TenantTaken): TenantFormErrors {
  const errors = checkTenantFields(v, taken);
  if (!ADMIN_USERNAME_RE.test(v.admin_username)) errors.admin_username = m.adminUsernameInvalid;
  if (!v.admin_display_name) errors.admin_display_name = m.adminDisplayNameRequired;
  else if (charCount(v.admin_display_name) > DISPLAY_NAME_MAX) errors.admin_display_name = m.adminDisplayNameTooLong(DISPLAY_NAME_MAX);
  return errors;
}

/** 暂停说明: what the county's users will read. */
export function checkNotice(notice: string): string | undefined {
  if (!notice.trim()) return m.noticeRequired;
  if (charCount(notice) > NOTICE_MAX) return m.noticeTooLong(NOTICE_MAX);
  return undefined;
}

/** The county form's fields, read as text (tenantFormValues trims and lower-cases them). */
const tenantFields = z.object({
  slug: textField,
  name: textField,
  hostnames: textField,
  admin_username: textField,
  admin_display_name: textField,
  db_binding: textField,
});

/** 新建县区 as a form schema; `taken` reads what the platform already holds for these values. */
export function newTenantSchema(taken: (v: TenantFormValues) => Promise<TenantTaken>) {
  return parsedBy(tenantFields, async (raw): Promise<Parsed<TenantFormValues>> => {
    const v = tenantFormValues(raw);
    const errors = checkNewTenant(v, await taken(v));
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: v };
  });
}

/** 暂停说明 (cut to 2,000 code units and trimmed, then checkNotice). */
export const suspendSchema = z.object({
  notice: z
    .string()
    .transform((s) => s.slice(0, 2000).trim())
    .superRefine((s, ctx) => {
      const error = checkNotice(s);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
});

/** 删除县区: the slug typed again (compared with the county's by the route). */
export const deleteSchema = z.object({ confirm_slug: z.string().transform((s) => s.slice(0, 100).trim()) });

/** 从归档恢复 as a form schema: the shared county fields and the archive file (read by the route once all passed). */
export function restoreSchema(taken: (v: TenantFormValues) => Promise<TenantTaken>) {
  return parsedBy(tenantFields.extend({ archive: fileField }), async (raw): Promise<Parsed<{ values: TenantFormValues; file: File }>> => {
    const v = tenantFormValues(raw);
    const errors = checkTenantFields(v, await taken(v));
    const file = raw.archive;
    if (!file || file.size === 0) errors.archive = m.archiveMissing;
    return file && !Object.keys(errors).length ? { ok: true, value: { values: v, file } } : { ok: false, errors };
  });
}
