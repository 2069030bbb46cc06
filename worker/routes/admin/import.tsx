/**
 * 从表格导入 deputies and handling units: upload (CSV or .xlsx) → preview
 * with every row checked → confirm → one atomic write.
 *
 * The confirm form carries the file itself back (base64, with its SHA-256),
 * not the parsed rows: the server trusts nothing from the browser and runs
 * the whole check and plan again on confirm, against the data as it is
 * then. Nothing is kept on the server between the two steps (no table, no
 * leftovers to clean up); the hash ties the confirmation to the file that
 * was previewed and goes into the audit entry, and the previewed summary
 * (新增/更新/不变) is compared with the new one so that a change made by
 * someone else in between is shown again before anything is written.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { toCsv } from '../../export/table';
import {
  COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  MAX_LISTED_ERRORS,
  checkRows,
  formatRowError,
  planImport,
  templateRows,
  type DeputyImportRow,
  type ImportKind,
  type ImportPlan,
  type RowError,
  type UnitImportRow,
  confirmSchema,
  uploadSchema,
} from '../../forms/import-rows';
import { form } from '../../forms/validate';
import { readUploadTable } from './import-file';
import { ImportPage, ImportPreviewPage, type ImportPreviewProps, type PreviewChange } from '../../../views/pages/admin-import';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { fromBase64, toBase64 } from '../../rules/base64';

export const importRoutes = new Hono<AppEnv>();
const admin = requireAction('tenant.administer');
const t = text.directory.import;
const MB = IMPORT_MAX_BYTES / (1024 * 1024);
/** Rows shown as a sample of what would change. */
const SAMPLE_ROWS = 20;

const KINDS: ImportKind[] = ['deputies', 'units'];

function base64ToBytes(value: string): Uint8Array | null {
  try {
    return fromBase64(value);
  } catch {
    return null;
  }
}

async function sha256Bytes(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

type Checked = { ok: false; rows: number; errors: RowError[] } | { ok: true; rows: number; plan: ImportPlan<ImportKind>; format: 'csv' | 'xlsx' };

/** Reads, checks and plans a file against the tenant's current rows. */
async function checkFile(c: AppContext, kind: ImportKind, bytes: Uint8Array, fileName: string): Promise<Checked> {
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, rows: 0, errors: [{ row: null, column: null, message: t.errors.tooLarge(MB) }] };
  const read = await readUploadTable(bytes, fileName);
  if (!read.ok) return { ok: false, rows: 0, errors: [{ row: null, column: null, message: read.message }] };
  const rows = read.table.slice(1).filter((r) => r.some((cell) => cell.trim() !== '')).length;
  const repo = c.var.data.directory;
  const stationIds = kind === 'deputies' ? await repo.importStations() : new Map<string, number>();
  const checked = checkRows(kind, read.table, { stationIds });
  if (!checked.ok) return { ok: false, rows, errors: checked.errors };
  const planned = planImport(kind, checked.rows, await repo.importExisting(kind));
  if (!planned.ok) return { ok: false, rows, errors: planned.errors };
  return { ok: true, rows, plan: planned.plan, format: read.format };
}

const summaryOf = (plan: ImportPlan<ImportKind>) => ({ added: plan.add.length, updated: plan.update.length, unchanged: plan.unchanged });
const expectOf = (plan: ImportPlan<ImportKind>) => `${plan.add.length},${plan.update.length},${plan.unchanged}`;

/** A row as the preview's sample table shows it, in the template's column order. */
async function sampleOf(c: AppContext, kind: ImportKind, plan: ImportPlan<ImportKind>): Promise<PreviewChange[]> {
  const changes = [
    ...plan.add.map((value) => ({ change: 'add' as const, value })),
    ...plan.update.map((u) => ({ change: 'update' as const, value: u.value })),
  ].slice(0, SAMPLE_ROWS);
  if (kind === 'units') {
    return changes.map(({ change, value }) => {
      const u = value as UnitImportRow;
      return { change, cells: [u.name, u.headContact ?? '', u.phone ?? '', u.email ?? ''] };
    });
  }
  const stations = new Map((await c.var.data.directory.stations()).map((s) => [s.id, s.name]));
  return changes.map(({ change, value }) => {
    const x = value as DeputyImportRow;
    const station = x.stationId === null ? '' : (stations.get(x.stationId) ?? '');
    return { change, cells: [x.name, text.deputyLevels[x.level] ?? x.level, station, x.groupName ?? '', x.phone ?? '', x.address ?? ''] };
  });
}

async function renderPreview(
  c: AppContext,
  kind: ImportKind,
  fileName: string,
  bytes: Uint8Array | null,
  checked: Checked,
  extra: { notice?: string; status?: 200 | 409 | 422 } = {},
) {
  const props: ImportPreviewProps = {
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    kind,
    fileName,
    rows: checked.rows,
    errors: [],
    moreErrors: 0,
    columns: COLUMNS[kind].map((col) => col.header),
    sample: [],
    notice: extra.notice,
  };
  if (!checked.ok) {
    props.errors = checked.errors.slice(0, MAX_LISTED_ERRORS).map(formatRowError);
    props.moreErrors = Math.max(0, checked.errors.length - MAX_LISTED_ERRORS);
  } else {
    const plan = checked.plan;
    props.summary = summaryOf(plan);
    props.sample = await sampleOf(c, kind, plan);
    if (bytes && (plan.add.length || plan.update.length)) {
      props.confirm = { content: toBase64(bytes), sha256: await sha256Bytes(bytes), expect: expectOf(plan) };
    }
  }
  const status = extra.status ?? (checked.ok ? 200 : 422);
  if (status !== 200) c.header('HX-Push-Url', 'false');
  c.header('Cache-Control', 'private, no-store');
  return c.html(pageShell(c, t.title, ImportPreviewPage(props)), status);
}

/** A refusal before any row was read (no file, too large…). */
function refuse(c: AppContext, kind: ImportKind, fileName: string, message: string) {
  return renderPreview(c, kind, fileName, null, { ok: false, rows: 0, errors: [{ row: null, column: null, message }] });
}

importRoutes.get('/admin/import', admin, (c) => {
  const kind = c.req.query('done');
  const n = (key: string) => Math.max(0, Number(c.req.query(key)) || 0);
  const notice =
    kind === 'deputies' || kind === 'units' ? t.done(text.directory.kinds[kind].title, n('added'), n('updated'), n('unchanged')) : undefined;
  const body = ImportPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', maxMb: MB, maxRows: IMPORT_MAX_ROWS, notice });
  return c.html(pageShell(c, t.title, body));
});

for (const kind of KINDS) {
  const path = `/admin/import/${kind}`;

  importRoutes.get(`${path}/template.csv`, admin, () => {
    const [columns, ...rows] = templateRows(kind);
    const name = kind === 'deputies' ? '代表名单导入模板' : '承办单位导入模板';
    return new Response(toCsv({ name, columns: columns!, rows }), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${kind}-template.csv"; filename*=UTF-8''${encodeURIComponent(`${name}.csv`)}`,
        'Cache-Control': 'private, no-store',
      },
    });
  });

  // 上传并预览: nothing is written here.
  const upload = form(uploadSchema, (c, v, errors) =>
    refuse(c, kind, v.file && v.file.size > 0 ? v.file.name.slice(0, 100) : '', errors['file'] ?? t.errors.noFile),
  );
  importRoutes.post(path, admin, requireFormToken, upload, async (c) => {
    const file = c.req.valid('form').data.file!;
    const fileName = file.name.slice(0, 100);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return renderPreview(c, kind, fileName, bytes, await checkFile(c, kind, bytes, fileName));
  });

  // 确认导入: the file again, checked again from scratch, then one batch.
  importRoutes.post(
    `${path}/confirm`,
    admin,
    requireFormToken,
    form(confirmSchema, (c) => refuse(c, kind, '', t.errors.noFile)),
    async (c) => {
      const posted = c.req.valid('form').data;
      const fileName = posted.file_name;
      const bytes = posted.content ? base64ToBytes(posted.content) : null;
      if (!bytes || bytes.length === 0) return refuse(c, kind, fileName, t.errors.noFile);
      const sha256 = await sha256Bytes(bytes);
      if (sha256 !== posted.sha256) return refuse(c, kind, fileName, t.errors.changedFile);
      const checked = await checkFile(c, kind, bytes, fileName);
      if (!checked.ok) return renderPreview(c, kind, fileName, bytes, checked);
      if (expectOf(checked.plan) !== posted.expect) {
        return renderPreview(c, kind, fileName, bytes, checked, { notice: t.stale, status: 409 });
      }
      const plan = checked.plan;
      if (plan.add.length || plan.update.length) {
        try {
          await c.var.data.directory.applyImport(kind, plan, auditActor(c), { file: fileName, sha256, format: checked.format });
        } catch (err) {
          // A row added by someone else between check and write (a unit of the same name): the batch wrote nothing.
          console.error(JSON.stringify({ level: 'error', requestId: c.var.requestId, error: String(err) }));
          return renderPreview(c, kind, fileName, null, checked, { notice: t.failed, status: 409 });
        }
      }
      const s = summaryOf(plan);
      return c.redirect(`${c.var.base}/admin/import?done=${kind}&added=${s.added}&updated=${s.updated}&unchanged=${s.unchanged}`, 303);
    },
  );
}
