/** 账号管理 pages: the filtered account list, the account form, and the one-time code shown once. */
import { SelectField, TextField } from '../components/field';
import { FilterBar, FilterSelect } from '../components/filter-form';
import { Csrf, Notice, PostButton } from '../components/form';
import { DataTable } from '../components/table';
import { chinaDateTime } from '../format';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { AdminUserRow } from '../../db/repos/user-admin';
import { TENANT_ROLES } from '../../worker/rules/roles';
import { LINK_FOR_ROLE, type UserFormErrors, type UserFormValues } from '../../worker/rules/user-admin';

const t = text.usersAdmin;

/** The account's link, named: its deputy, unit or station. */
function linkName(u: AdminUserRow): string {
  return u.deputyName ?? u.unitName ?? u.stationName ?? '';
}

export interface UserListPageProps {
  base: string;
  rows: AdminUserRow[];
  filters: { role?: string; status?: 'active' | 'disabled'; page: number };
  hasNext: boolean;
  now: number;
}

function listHref(base: string, f: UserListPageProps['filters'], page: number): string {
  const q = new URLSearchParams();
  if (f.role) q.set('role', f.role);
  if (f.status) q.set('status', f.status);
  if (page > 0) q.set('page', String(page));
  const s = q.toString();
  return `${base}/admin/users${s ? `?${s}` : ''}`;
}

export function UserListPage(p: UserListPageProps) {
  const l = t.list;
  const f = p.filters;
  return (
    <section>
      <PageHead title={l.title} intro={l.intro} />
      <p>
        <a class="button" href={`${p.base}/admin/users/new`}>
          {l.create}
        </a>
      </p>
      <FilterBar action={`${p.base}/admin/users`} search submitLabel={l.apply}>
        <FilterSelect label={l.role} name="role" value={f.role} all={l.all} options={TENANT_ROLES.map((r) => [r, text.roles[r]] as const)} />
        <FilterSelect
          label={l.status}
          name="status"
          value={f.status}
          all={l.all}
          options={[
            ['active', l.active],
            ['disabled', l.disabled],
          ]}
        />
      </FilterBar>
      <DataTable
        columns={[l.username, l.displayName, l.role, l.link, l.status, '']}
        rows={p.rows}
        empty={l.empty}
        scroll
        row={(u) => (
          <tr>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>{text.roles[u.role as keyof typeof text.roles] ?? u.role}</td>
            <td>{linkName(u)}</td>
            <td>
              {u.disabledAt ? l.disabled : l.active}
              {!u.disabledAt && u.resetPendingUntil && u.resetPendingUntil > p.now ? ` · ${l.resetPending}` : ''}
            </td>
            <td>
              <a href={`${p.base}/admin/users/${u.id}`}>{l.edit}</a>
            </td>
          </tr>
        )}
      />
      {(f.page > 0 || p.hasNext) && (
        <nav class="pager" aria-label={text.nav.pager}>
          {f.page > 0 && <a href={listHref(p.base, f, f.page - 1)}>{text.nav.previousPage}</a>}
          {p.hasNext && <a href={listHref(p.base, f, f.page + 1)}>{text.nav.nextPage}</a>}
        </nav>
      )}
    </section>
  );
}

export interface UserFormOptions {
  deputies: { id: number; name: string }[];
  units: { id: number; name: string }[];
  stations: { id: number; name: string }[];
}

export interface UserFormPageProps {
  base: string;
  csrfToken: string;
  /** Absent when creating. */
  user?: AdminUserRow;
  values: UserFormValues;
  errors: UserFormErrors;
  options: UserFormOptions;
  /** A message above the form: saved, or why an action was refused. */
  notice?: { ok: boolean; message: string };
  now: number;
}

export function UserFormPage(p: UserFormPageProps) {
  const fm = t.form;
  const v = p.values;
  const err = (k: keyof UserFormValues) => (p.errors[k] ? t.errors[p.errors[k]!] : undefined);
  const editing = Boolean(p.user);
  const action = editing ? `${p.base}/admin/users/${p.user!.id}` : `${p.base}/admin/users`;
  const needs = (kind: 'deputy' | 'unit' | 'station') =>
    Object.entries(LINK_FOR_ROLE)
      .filter(([, k]) => k === kind)
      .map(([r]) => text.roles[r as keyof typeof text.roles])
      .join('、');
  /** The three links an account may have; its role says which one it needs. */
  const links = [
    { name: 'deputy_id', key: 'deputyId', kind: 'deputy', label: fm.deputy, hint: fm.deputyHint, rows: p.options.deputies },
    { name: 'unit_id', key: 'unitId', kind: 'unit', label: fm.unit, hint: fm.unitHint, rows: p.options.units },
    { name: 'station_id', key: 'stationId', kind: 'station', label: fm.station, hint: fm.stationHint, rows: p.options.stations },
  ] as const;
  return (
    <section>
      <h1>{editing ? fm.editTitle(p.user!.username) : fm.createTitle}</h1>
      <p>
        <a href={`${p.base}/admin/users`}>{fm.back}</a>
      </p>
      {p.notice && <Notice notice={p.notice.ok ? p.notice.message : undefined} alert={p.notice.ok ? undefined : p.notice.message} />}
      {/* Not boosted: creating answers with the one-time code, which must not land in a script's page cache. */}
      <form method="post" action={action} class="card" novalidate hx-boost={editing ? undefined : 'false'}>
        <Csrf token={p.csrfToken} />
        {editing ? (
          <p>
            {fm.username}：<strong>{p.user!.username}</strong>
          </p>
        ) : (
          <TextField
            name="username"
            label={fm.username}
            hint={fm.usernameHint}
            error={err('username')}
            value={v.username}
            maxlength={32}
            autocomplete="off"
            autocapitalize="none"
          />
        )}
        <TextField name="display_name" label={fm.displayName} error={err('displayName')} value={v.displayName} maxlength={40} />
        <SelectField
          name="role"
          label={fm.role}
          value={v.role}
          error={err('role')}
          placeholder={fm.chooseRole}
          options={TENANT_ROLES.map((r) => [r, text.roles[r]] as const)}
        />
        {links.map((l) => (
          <SelectField
            name={l.name}
            label={l.label}
            hint={`${l.hint}（${needs(l.kind)}）`}
            value={v[l.key]}
            error={err(l.key)}
            placeholder={fm.choose}
            options={l.rows.map((r) => [String(r.id), r.name] as const)}
          />
        ))}
        <TextField
          name="email"
          label={fm.email}
          hint={fm.emailHint}
          error={err('email')}
          value={v.email}
          inputmode="email"
          maxlength={200}
          autocomplete="off"
        />
        <button type="submit">{editing ? fm.save : fm.createSubmit}</button>
      </form>
      {p.user && <AccessSection base={p.base} csrfToken={p.csrfToken} user={p.user} now={p.now} />}
    </section>
  );
}

/** 账号状态: disable or enable, and reset the password. */
function AccessSection(p: { base: string; csrfToken: string; user: AdminUserRow; now: number }) {
  const a = t.access;
  const u = p.user;
  const action = `${p.base}/admin/users/${u.id}`;
  return (
    <section class="card">
      <h2>{a.title}</h2>
      <p>{u.disabledAt ? a.disabledSince(chinaDateTime(u.disabledAt)) : a.activeSince}</p>
      {!u.disabledAt && u.resetPendingUntil && u.resetPendingUntil > p.now && (
        <p class="meta">{a.resetPending(chinaDateTime(u.resetPendingUntil))}</p>
      )}
      {u.disabledAt ? (
        <PostButton action={`${action}/enable`} csrfToken={p.csrfToken} noBoost buttonClass="" label={a.enable} />
      ) : (
        <>
          <PostButton action={`${action}/reset-password`} csrfToken={p.csrfToken} noBoost hint={a.resetHint} buttonClass="" label={a.reset} />
          <PostButton action={`${action}/disable`} csrfToken={p.csrfToken} noBoost hint={a.disableHint} buttonClass="secondary" label={a.disable} />
        </>
      )}
    </section>
  );
}

/** The one-time code, shown once after creating an account or resetting its password. */
export function CodeShownPage(p: {
  base: string;
  created: boolean;
  user: { displayName: string; username: string };
  code: string;
  expiresAt: number;
  resetUrl: string;
}) {
  const c = t.code;
  return (
    <section>
      <h1>{p.created ? c.createdTitle : c.resetTitle}</h1>
      <div class="card">
        <p>{c.intro(p.user.displayName, p.user.username)}</p>
        <p>
          <strong class="code" id="reset-code">
            {p.code}
          </strong>
        </p>
        <p>{c.expires(chinaDateTime(p.expiresAt))}</p>
        <p class="alert">{c.once}</p>
        <p class="meta">{c.how(p.resetUrl)}</p>
      </div>
      <p>
        <a href={`${p.base}/admin/users`}>{c.back}</a>
      </p>
    </section>
  );
}
