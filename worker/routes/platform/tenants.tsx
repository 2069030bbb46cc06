/**
 * 平台运维: open a county, suspend and resume it, delete it after the
 * operator types its slug. Each change and its platform audit entry are
 * one batch (deletion: see db/repos/tenant-lifecycle.ts).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { hostnamesInUse, tenantBySlug, tenantSummariesAcrossShards, type TenantRow } from '../../../db/platform-data';
import { createTenant, deleteTenant, resumeTenant, suspendTenant, type Shard } from '../../../db/repos/tenant-lifecycle';
import { databaseOn, shardBindings } from '../../../db/client';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { newResetCode } from '../../auth/reset-code';
import { notFound } from '../../errors';
import {
  EMPTY_TENANT_FORM,
  checkNewTenant,
  deleteSchema,
  hostnameLines,
  newTenantSchema,
  suspendSchema,
  tenantFormValues,
  type TenantFormErrors,
  type TenantFormValues,
} from '../../forms/tenants';
import { form } from '../../forms/validate';
import { DeleteTenantPage, NewTenantPage, SuspendTenantPage, TenantCreatedPage } from '../../../views/pages/operator';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

export const tenantRoutes = new Hono<AppEnv>();
const operate = requireAction('platform.operate');
const o = text.operator;
const SLUG_PATH = '/tenants/:slug{[a-z0-9-]{2,40}}';

/** The platform's own hosts, which no county may map. */
export function platformHosts(c: AppContext): string[] {
  return c.env.PLATFORM_HOSTS.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** A shard binding and its database (db/client.ts); an unknown binding throws. */
export function shardFor(c: AppContext, binding: string): Shard {
  return { binding, db: databaseOn(c.env, binding) };
}

/** What the forms' uniqueness checks need from the database. */
export async function takenFor(c: AppContext, v: TenantFormValues) {
  const [existing, hostnamesTaken] = await Promise.all([
    tenantBySlug(c.var.platformDb, v.slug),
    hostnamesInUse(c.var.platformDb, hostnameLines(v.hostnames)),
  ]);
  return { slugTaken: Boolean(existing), hostnamesTaken, platformHosts: platformHosts(c), shards: shardBindings(c.env) };
}

/** The new-county form and the restore form: the same fields, each on its own page; 422 when a field is wrong. */
export function renderTenantForm(c: AppContext, title: string, page: typeof NewTenantPage, values: TenantFormValues, errors: TenantFormErrors) {
  const status = Object.keys(errors).length ? 422 : 200;
  return c.html(pageShell(c, title, page({ csrfToken: c.var.csrfToken ?? '', values, errors, shards: shardBindings(c.env) })), status);
}

const renderNew = (c: AppContext, values: TenantFormValues, errors: TenantFormErrors) =>
  renderTenantForm(c, o.create.title, NewTenantPage, values, errors);

/** The county named in the path, or a Chinese 404. */
async function loadTenant(c: AppContext): Promise<TenantRow | Response> {
  const tenant = await tenantBySlug(c.var.platformDb, c.req.param('slug') ?? '');
  return tenant ?? notFound(c, o.errors.tenantGone, { href: '/platform', label: o.create.cancel });
}

tenantRoutes.get('/tenants/new', operate, (c) => renderNew(c, EMPTY_TENANT_FORM, {}));

const newTenantForm = form(
  (c) => newTenantSchema((v) => takenFor(c, v)),
  (c, raw, errors) => renderNew(c, tenantFormValues(raw), errors),
);

tenantRoutes.post('/tenants', operate, requireFormToken, newTenantForm, async (c) => {
  const values = c.req.valid('form').data;
  const code = await newResetCode();
  try {
    await createTenant(
      c.var.platformDb,
      shardFor(c, values.db_binding),
      {
        slug: values.slug,
        name: values.name,
        hostnames: hostnameLines(values.hostnames),
        admin: { username: values.admin_username, displayName: values.admin_display_name },
        resetCodeHash: code.hash,
        resetCodeExpiresAt: code.expiresAt,
      },
      auditActor(c),
    );
  } catch (err) {
    // Someone took the slug or a hostname between the check and the write.
    const again = checkNewTenant(values, await takenFor(c, values));
    if (Object.keys(again).length) return renderNew(c, values, again);
    throw err;
  }
  const origin = c.env.PUBLIC_ORIGIN.replace(/\/$/, '');
  c.header('Cache-Control', 'no-store');
  const page = TenantCreatedPage({
    name: values.name,
    loginUrl: `${origin}/t/${values.slug}/login`,
    resetUrl: `${origin}/t/${values.slug}/reset`,
    username: values.admin_username,
    code: code.code,
    expiresAt: code.expiresAt,
  });
  return c.html(pageShell(c, o.created.title, page));
});

function renderSuspend(c: AppContext, tenant: TenantRow, notice: string, error?: string) {
  const page = SuspendTenantPage({ tenant, csrfToken: c.var.csrfToken ?? '', notice, error });
  return c.html(pageShell(c, o.suspend.title(tenant.name), page), error ? 422 : 200);
}

tenantRoutes.get(`${SLUG_PATH}/suspend`, operate, async (c) => {
  const tenant = await loadTenant(c);
  if (tenant instanceof Response) return tenant;
  return renderSuspend(c, tenant, tenant.suspensionNotice ?? o.suspend.noticeDefault);
});

const suspendForm = form(suspendSchema, async (c, v, errors) => {
  const tenant = await loadTenant(c);
  return tenant instanceof Response ? tenant : renderSuspend(c, tenant, v.notice.slice(0, 2000).trim(), errors['notice']);
});

tenantRoutes.post(`${SLUG_PATH}/suspend`, operate, requireFormToken, suspendForm, async (c) => {
  const tenant = await loadTenant(c);
  if (tenant instanceof Response) return tenant;
  const { notice } = c.req.valid('form').data;
  await suspendTenant(c.var.platformDb, shardFor(c, tenant.dbBinding), tenant, notice, auditActor(c));
  return c.redirect(`/platform?done=suspended&name=${encodeURIComponent(tenant.name)}`, 303);
});

tenantRoutes.post(`${SLUG_PATH}/resume`, operate, requireFormToken, async (c) => {
  const tenant = await loadTenant(c);
  if (tenant instanceof Response) return tenant;
  if (tenant.status === 'suspended') await resumeTenant(c.var.platformDb, shardFor(c, tenant.dbBinding), tenant, auditActor(c));
  return c.redirect(`/platform?done=resumed&name=${encodeURIComponent(tenant.name)}`, 303);
});

async function renderDelete(c: AppContext, tenant: TenantRow, confirm: string, error?: string) {
  const [summary] = await tenantSummariesAcrossShards(c.var.platformDb, (b) => databaseOn(c.env, b), tenant.id);
  const page = DeleteTenantPage({ tenant: summary!, csrfToken: c.var.csrfToken ?? '', confirm, error });
  return c.html(pageShell(c, o.delete.title(tenant.name), page), error ? 422 : 200);
}

tenantRoutes.get(`${SLUG_PATH}/delete`, operate, async (c) => {
  const tenant = await loadTenant(c);
  if (tenant instanceof Response) return tenant;
  return renderDelete(c, tenant, '');
});

tenantRoutes.post(
  `${SLUG_PATH}/delete`,
  operate,
  requireFormToken,
  form(deleteSchema, (c) => notFound(c)),
  async (c) => {
    const tenant = await loadTenant(c);
    if (tenant instanceof Response) return tenant;
    const confirm = c.req.valid('form').data.confirm_slug;
    if (confirm !== tenant.slug) return renderDelete(c, tenant, confirm, o.errors.confirmMismatch);
    await deleteTenant(c.var.platformDb, shardFor(c, tenant.dbBinding), c.env.FILES, tenant, auditActor(c));
    return c.redirect(`/platform?done=deleted&name=${encodeURIComponent(tenant.name)}`, 303);
  },
);
