/**
 * 代表履职档案: a deputy's own ledger (/ledger), any deputy's for staff,
 * secretary and chair (/deputies/:deputyId/ledger — a deputy asking for
 * another's gets 404), the yearly table of all deputies sorted by score
 * (exportable), and the entries staff add (training, inspections, meetings).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { auditActor, requireAction, requireFormToken } from '../middleware/access';
import { can } from '../rules/roles';
import { chinaDateOf } from '../rules/calendar';
import { LEDGER_ITEMS, ledgerScore, ledgerYear, rankByScore } from '../rules/ledger';
import { entrySchema, type EntryFormErrors, type EntryFormValues } from '../forms/ledger';
import { checkPosted } from '../forms/validate';
import { isPreconditionFailure } from '../../db/guard';
import { downloadTable, requestedFormat } from '../export/table';
import { notFound } from '../errors';
import { LedgerPage, LedgerTablePage } from '../../views/pages/ledger';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';

export const ledgerRoutes = new Hono<AppEnv>();

const l = text.ledger;

function today() {
  return chinaDateOf(Date.now());
}

/** One deputy's ledger page; 404 when the deputy is not of this tenant. */
async function renderLedger(
  c: AppContext,
  deputyId: number,
  extra: { form?: { values: EntryFormValues; errors: EntryFormErrors }; notice?: string; status?: 200 | 422 } = {},
) {
  const now = today();
  const currentYear = Number(now.slice(0, 4));
  const year = ledgerYear(c.req.query('year'), currentYear);
  const user = c.var.user!;
  const own = user.deputyId === deputyId && can(user.role, 'ledger.view_own');
  const [found, { settings }] = await Promise.all([c.var.data.ledger.deputyYear(deputyId, year, now), c.var.data.config()]);
  if (!found) return notFound(c);
  const weights = settings.ledgerWeights;
  const mayAdd = can(user.role, 'ledger.manage');
  const body = LedgerPage({
    base: c.var.base,
    href: own ? `${c.var.base}/ledger` : `${c.var.base}/deputies/${deputyId}/ledger`,
    year,
    currentYear,
    row: found.row,
    weights,
    score: ledgerScore(found.row.counts, weights),
    entries: found.entries,
    own,
    form: mayAdd
      ? { csrfToken: c.var.csrfToken ?? '', ...(extra.form ?? { values: { kind: '', title: '', occurred_on: now, note: '' }, errors: {} }) }
      : undefined,
    notice: extra.notice,
  });
  if (extra.status === 422) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, own ? l.ownTitle : l.title(found.row.name, year), body), extra.status ?? 200);
}

/** 我的履职档案 */
ledgerRoutes.get('/ledger', requireAction('ledger.view_own'), (c) => {
  const deputyId = c.var.user!.deputyId;
  return deputyId === null ? notFound(c) : renderLedger(c, deputyId);
});

/** The yearly table of every deputy, highest score first; ?format=csv|xlsx downloads it. */
ledgerRoutes.get('/ledger/deputies', requireAction('ledger.view_all'), async (c) => {
  const now = today();
  const currentYear = Number(now.slice(0, 4));
  const year = ledgerYear(c.req.query('year'), currentYear);
  const [rows, { settings }] = await Promise.all([c.var.data.ledger.year(year, now), c.var.data.config()]);
  const ranked = rankByScore(rows, settings.ledgerWeights);
  const format = requestedFormat(c.req.query('format'));
  if (format) {
    const col = l.columns;
    return downloadTable(
      {
        name: l.tableTitle(year),
        columns: [col.rank, col.deputy, col.station, ...LEDGER_ITEMS.map((i) => l.items[i]), col.score],
        rows: ranked.map((r) => [r.rank, r.name, r.stationName, ...LEDGER_ITEMS.map((i) => r.counts[i]), r.score]),
      },
      format,
    );
  }
  return c.html(pageShell(c, l.tableTitle(year), LedgerTablePage({ base: c.var.base, year, currentYear, rows: ranked })));
});

/** A deputy's ledger: staff, secretary, chair see any; a deputy only their own (another's is 404). */
const DEPUTY_LEDGER = '/deputies/:deputyId{[0-9]{1,15}}/ledger';

ledgerRoutes.get(DEPUTY_LEDGER, requireAction('ledger.view_all', 'ledger.view_own'), (c) => {
  const deputyId = Number(c.req.param('deputyId'));
  const user = c.var.user!;
  if (!can(user.role, 'ledger.view_all') && user.deputyId !== deputyId) return notFound(c);
  return renderLedger(c, deputyId, { notice: c.req.query('done') ? l.added : undefined });
});

ledgerRoutes.post(`${DEPUTY_LEDGER}/entries`, requireAction('ledger.manage'), requireFormToken, async (c) => {
  const deputyId = Number(c.req.param('deputyId'));
  const name = await c.var.data.ledger.deputyName(deputyId);
  if (name === null) return notFound(c);
  const parsed = await checkPosted(c, entrySchema(today()));
  if (!parsed.ok) return renderLedger(c, deputyId, { form: { values: parsed.values, errors: parsed.errors }, status: 422 });
  try {
    await c.var.data.ledger.addEntry(deputyId, name, parsed.data, auditActor(c), Date.now());
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return notFound(c);
  }
  return c.redirect(`${c.var.base}/deputies/${deputyId}/ledger?year=${parsed.data.occurredOn.slice(0, 4)}&done=1`, 303);
});
