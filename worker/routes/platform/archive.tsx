/**
 * 导出 / 恢复: a county's whole data as a downloadable archive, and a new
 * county restored from one (db/repos/tenant-archive.ts). The upload is
 * checked completely before anything is written; a refused file leaves
 * nothing behind.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { tenantBySlug } from '../../../db/platform-data';
import { exportTenantArchive, readArchive, restoreTenantArchive, type ArchiveProblem } from '../../../db/repos/tenant-archive';
import { recordExport } from '../../../db/repos/tenant-lifecycle';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { notFound } from '../../errors';
import { chinaDate } from '../../../views/format';
import { EMPTY_TENANT_FORM, checkTenantFields, hostnameLines, restoreSchema, tenantFormValues } from '../../forms/tenants';
import type { TenantFormErrors, TenantFormValues } from '../../forms/tenants';
import { form } from '../../forms/validate';
import { RestoreTenantPage } from '../../../views/pages/operator';
import { text } from '../../../views/text/index';
import { renderTenantForm, shardFor, takenFor } from './tenants';

export const archiveRoutes = new Hono<AppEnv>();
const operate = requireAction('platform.operate');
const o = text.operator;

archiveRoutes.post('/tenants/:slug{[a-z0-9-]{2,40}}/export', operate, requireFormToken, async (c) => {
  const tenant = await tenantBySlug(c.var.platformDb, c.req.param('slug'));
  if (!tenant || (tenant.status !== 'active' && tenant.status !== 'suspended')) {
    return notFound(c, o.errors.tenantGone, { href: '/platform', label: o.create.cancel });
  }
  const now = Date.now();
  await recordExport(c.var.platformDb, tenant, auditActor(c), now);
  const filename = `huiyin-${tenant.slug}-${chinaDate(now)}.json.gz`;
  return c.body(exportTenantArchive(shardFor(c, tenant.dbBinding).db, c.env.FILES, tenant, now), 200, {
    'Content-Type': 'application/gzip',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
});

const renderRestore = (c: AppContext, values: TenantFormValues, errors: TenantFormErrors) =>
  renderTenantForm(c, o.restore.title, RestoreTenantPage, values, errors);

function problemMessage(p: ArchiveProblem): string {
  const e = o.errors;
  if (p.kind === 'too_large') return e.archiveTooLarge;
  if (p.kind === 'not_archive') return e.archiveNotArchive;
  if (p.kind === 'damaged') return e.archiveDamaged(p.table, p.row);
  return e.archiveUnreadable;
}

archiveRoutes.get('/restore', operate, (c) => renderRestore(c, EMPTY_TENANT_FORM, {}));

const restoreForm = form(
  (c) => restoreSchema((v) => takenFor(c, v)),
  (c, raw, errors) => renderRestore(c, tenantFormValues(raw), errors),
);

archiveRoutes.post('/restore', operate, requireFormToken, restoreForm, async (c) => {
  const { values, file } = c.req.valid('form').data;
  const read = await readArchive(file.stream());
  if (!read.ok) return renderRestore(c, values, { archive: problemMessage(read.problem) });
  const hostnames = hostnameLines(values.hostnames);
  const outcome = await restoreTenantArchive(
    c.var.platformDb,
    shardFor(c, values.db_binding),
    c.env.FILES,
    read.archive,
    { slug: values.slug, name: values.name, hostnames },
    auditActor(c),
  );
  if (!outcome.ok) {
    const again = checkTenantFields(values, await takenFor(c, values));
    // Either someone took the slug or a hostname meanwhile, or the file's rows clash among themselves.
    return renderRestore(c, values, Object.keys(again).length ? again : { archive: o.errors.archiveClash });
  }
  const rows = Object.values(outcome.rows).reduce((a, b) => a + b, 0);
  return c.redirect(`/platform?done=restored&name=${encodeURIComponent(values.name)}&rows=${rows}`, 303);
});
