/**
 * 基础名录 for the tenant admin: deputies, handling units, liaison stations
 * and categories — list (在用 / 已停用), create, edit, 停用 and 恢复. Nothing
 * is ever deleted: suggestions keep pointing at retired rows, which only
 * leave the pickers.
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { notFound } from '../../errors';
import { form, type FormErrors, type FormValues } from '../../forms/validate';
import { categorySchema, deputySchema, stationSchema, unitSchema } from '../../forms/directory';
import type { DirectoryKind, DirectoryRecord, DirectoryValues, StatusFilter } from '../../../db/repos/directory';
import { DirectoryFormPage, DirectoryListPage } from '../../../views/pages/admin-directory';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

export const directoryRoutes = new Hono<AppEnv>();
const admin = requireAction('tenant.administer');
const d = text.directory;

/** What differs between the four kinds: the form's schema and the mapping to and from the table's columns. */
interface KindSpec<S extends z.ZodObject> {
  /** The path parameter naming a row of this kind. */
  param: string;
  schema: S;
  empty: FormValues;
  toColumns: (v: z.output<S>) => DirectoryValues;
  toForm: (r: DirectoryRecord) => FormValues;
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

const SPECS: { [K in DirectoryKind]: KindSpec<z.ZodObject> } = {
  deputies: {
    param: 'deputyId',
    schema: deputySchema,
    empty: { name: '', level: 'county', station_id: '', group_name: '', phone: '', address: '', confidential: '' },
    toColumns: (v) => {
      const x = v as z.output<typeof deputySchema>;
      return {
        name: x.name,
        level: x.level,
        stationId: x.station_id,
        groupName: x.group_name,
        phone: x.phone,
        address: x.address,
        confidential: x.confidential,
      };
    },
    toForm: (r) => {
      const x = r as Extract<DirectoryRecord, { groupName: unknown }>;
      return {
        name: x.name,
        level: x.level,
        station_id: s(x.stationId),
        group_name: s(x.groupName),
        phone: s(x.phone),
        address: s(x.address),
        confidential: x.confidential ? '1' : '',
      };
    },
  },
  units: {
    param: 'unitId',
    schema: unitSchema,
    empty: { name: '', head_contact: '', phone: '', email: '' },
    toColumns: (v) => {
      const x = v as z.output<typeof unitSchema>;
      return { name: x.name, headContact: x.head_contact, phone: x.phone, email: x.email };
    },
    toForm: (r) => {
      const x = r as Extract<DirectoryRecord, { headContact: unknown }>;
      return { name: x.name, head_contact: s(x.headContact), phone: s(x.phone), email: s(x.email) };
    },
  },
  stations: {
    param: 'stationId',
    schema: stationSchema,
    empty: { name: '', township: '', level: 'township' },
    toColumns: (v) => {
      const x = v as z.output<typeof stationSchema>;
      return { name: x.name, township: x.township, level: x.level };
    },
    toForm: (r) => {
      const x = r as Extract<DirectoryRecord, { township: unknown }>;
      return { name: x.name, township: s(x.township), level: x.level };
    },
  },
  categories: {
    param: 'categoryId',
    schema: categorySchema,
    empty: { name: '', sort: '0' },
    toColumns: (v) => {
      const x = v as z.output<typeof categorySchema>;
      return { name: x.name, sort: x.sort };
    },
    toForm: (r) => {
      const x = r as Extract<DirectoryRecord, { sort: unknown }>;
      return { name: x.name, sort: String(x.sort) };
    },
  },
};

function statusOf(value: string | undefined): StatusFilter {
  return value === 'retired' || value === 'all' ? value : 'active';
}

/** The row's id from the path, if it looks like one. */
function idParam(c: AppContext, name: string): number | null {
  const raw = c.req.param(name) ?? '';
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function doneNotice(done: string | undefined, name: string): string | undefined {
  switch (done) {
    case 'created':
      return d.done.created(name);
    case 'updated':
      return d.done.updated(name);
    case 'unchanged':
      return d.done.unchanged;
    case 'retired':
      return d.done.retired(name);
    case 'restored':
      return d.done.restored(name);
    default:
      return undefined;
  }
}

async function renderForm(c: AppContext, kind: DirectoryKind, id: number | null, values: FormValues, errors: FormErrors) {
  const stations = kind === 'deputies' ? await c.var.data.directory.stations() : [];
  const title = id === null ? d.kinds[kind].add : d.kinds[kind].edit;
  const body = DirectoryFormPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', kind, id, values, errors, stations });
  const status = Object.keys(errors).length ? 422 : 200;
  if (status !== 200) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, title, body), status);
}

/** The checks that need the tenant's rows: a deputy's station must be one of its own (serving, or the one it already has). */
async function tenantChecks(c: AppContext, kind: DirectoryKind, columns: DirectoryValues, current: DirectoryRecord | undefined): Promise<FormErrors> {
  if (kind !== 'deputies') return {};
  const stationId = (columns as { stationId: number | null }).stationId;
  if (stationId === null) return {};
  const currentStation = current ? (current as { stationId: number | null }).stationId : null;
  const stations = await c.var.data.directory.stations();
  const ok = stations.some((st) => st.id === stationId && (st.retiredAt === null || st.id === currentStation));
  return ok ? {} : { station_id: d.errors.stationUnknown };
}

/**
 * Saves a form that passed its schema (new when `id` is null); re-renders
 * with messages when a check on the county's rows refuses it.
 */
async function save(c: AppContext, kind: DirectoryKind, id: number | null, values: FormValues, value: z.output<z.ZodObject>) {
  const spec = SPECS[kind];
  const repo = c.var.data.directory;
  const current = id === null ? undefined : await repo.get(kind, id);
  if (id !== null && !current) return notFound(c);
  const columns = spec.toColumns(value);
  const errors = await tenantChecks(c, kind, columns, current);
  if (Object.keys(errors).length) return renderForm(c, kind, id, values, errors);
  const result = id === null ? await repo.create(kind, columns, auditActor(c)) : await repo.update(kind, id, columns, auditActor(c));
  if (!result.ok) {
    if (result.reason === 'missing') return notFound(c);
    return renderForm(c, kind, id, values, { name: kind === 'deputies' ? d.errors.duplicateDeputy : d.errors.duplicateName });
  }
  const done = id === null ? 'created' : result.changed ? 'updated' : 'unchanged';
  return c.redirect(`${c.var.base}/admin/${kind}?done=${done}&id=${result.id}`, 303);
}

for (const kind of Object.keys(SPECS) as DirectoryKind[]) {
  const spec = SPECS[kind];
  const path = `/admin/${kind}`;
  const item = `${path}/:${spec.param}`;

  directoryRoutes.get(path, admin, async (c) => {
    const status = statusOf(c.req.query('status'));
    const q = (c.req.query('q') ?? '').trim().slice(0, 20);
    const page = Math.min(Math.max(Number(c.req.query('page')) || 0, 0), 10_000);
    const [list, stations] = await Promise.all([
      c.var.data.directory.list(kind, { status, q, page }),
      kind === 'deputies' ? c.var.data.directory.stations() : Promise.resolve([]),
    ]);
    // The notice names the row by looking it up (this county's only), never by echoing the address.
    const doneId = Number(c.req.query('id'));
    const doneRow = Number.isSafeInteger(doneId) && doneId > 0 ? await c.var.data.directory.get(kind, doneId) : undefined;
    const notice = doneRow ? doneNotice(c.req.query('done'), doneRow.name) : c.req.query('done') === 'unchanged' ? d.done.unchanged : undefined;
    const body = DirectoryListPage({
      base: c.var.base,
      csrfToken: c.var.csrfToken ?? '',
      kind,
      status,
      q,
      page,
      hasMore: list.hasMore,
      items: list.items,
      stations,
      notice,
    });
    return c.html(pageShell(c, d.kinds[kind].title, body));
  });

  directoryRoutes.get(`${path}/new`, admin, (c) => renderForm(c, kind, null, { ...spec.empty }, {}));

  /** The posted form, or the form page again with its messages (a path naming no row of this county: 404). */
  const checked = form(spec.schema, async (c, values, errors) => {
    const id = c.req.param(spec.param) === undefined ? null : idParam(c, spec.param);
    if (c.req.param(spec.param) !== undefined && (id === null || !(await c.var.data.directory.get(kind, id)))) return notFound(c);
    return renderForm(c, kind, id, values as FormValues, errors);
  });

  directoryRoutes.post(path, admin, requireFormToken, checked, (c) => {
    const { values, data } = c.req.valid('form');
    return save(c, kind, null, values as FormValues, data);
  });

  directoryRoutes.get(`${item}/edit`, admin, async (c) => {
    const id = idParam(c, spec.param);
    const row = id === null ? undefined : await c.var.data.directory.get(kind, id);
    if (!row || id === null) return notFound(c);
    return renderForm(c, kind, id, spec.toForm(row), {});
  });

  directoryRoutes.post(item, admin, requireFormToken, checked, (c) => {
    const id = idParam(c, spec.param);
    const { values, data } = c.req.valid('form');
    return id === null ? notFound(c) : save(c, kind, id, values as FormValues, data);
  });

  for (const op of ['retire', 'restore'] as const) {
    directoryRoutes.post(`${item}/${op}`, admin, requireFormToken, async (c) => {
      const id = idParam(c, spec.param);
      const result = id === null ? { ok: false as const } : await c.var.data.directory.setRetired(kind, id, op === 'retire', auditActor(c));
      if (!result.ok) return notFound(c);
      const done = op === 'retire' ? 'retired' : 'restored';
      return c.redirect(`${c.var.base}${path}?done=${done}&id=${id}`, 303);
    });
  }
}
