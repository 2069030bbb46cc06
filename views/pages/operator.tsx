/**
 * The platform operator's pages (平台运维): the console of counties with
 * their counts, and the forms to create, suspend, restore and delete one.
 * Counts only: nothing here shows a county's content.
 */
import { Field } from '../components/field';
import { chinaDateTime } from '../format';
import { text } from '../i18n';
import type { TenantSummary } from '../../db/platform-data';
import type { TenantFormErrors, TenantFormValues } from '../../worker/forms/tenants';

const o = text.operator;

function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** 1.2 MB — storage as the operator reads it. */
export function bytesLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export interface PlatformLogLine {
  action: string;
  actorName: string;
  targetLabel: string | null;
  createdAt: number;
}

export function OperatorConsolePage(props: { tenants: TenantSummary[]; recent: PlatformLogLine[]; csrfToken: string; notice?: string }) {
  const c = o.console;
  return (
    <section>
      <h1>{c.title}</h1>
      <p class="hint">{c.intro}</p>
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      <p>
        <a class="button" href="/platform/tenants/new">
          {c.newTenant}
        </a>{' '}
        <a href="/platform/restore">{c.restore}</a>
      </p>
      <h2>{c.tenants}</h2>
      {props.tenants.length === 0 ? (
        <p class="card">{c.none}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{c.slug}</th>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.hostnames}</th>
                <th scope="col">{c.shard}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.users}</th>
                <th scope="col">{c.deputies}</th>
                <th scope="col">{c.suggestions}</th>
                <th scope="col">{c.open}</th>
                <th scope="col">{c.storage}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.tenants.map((t) => (
                <tr>
                  <td>{t.slug}</td>
                  <td>{t.name}</td>
                  <td>{t.hostnames ?? ''}</td>
                  <td>{t.dbBinding}</td>
                  <td>{o.statuses[t.status] ?? t.status}</td>
                  <td>{t.users}</td>
                  <td>{t.deputies}</td>
                  <td>{t.suggestions}</td>
                  <td>{t.open}</td>
                  <td>{bytesLabel(t.storageBytes)}</td>
                  <td>
                    <TenantActions tenant={t} csrfToken={props.csrfToken} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{c.recent}</h2>
      {props.recent.length === 0 ? (
        <p>{c.noRecent}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{c.when}</th>
              <th scope="col">{c.who}</th>
              <th scope="col">{c.what}</th>
              <th scope="col">{c.target}</th>
            </tr>
          </thead>
          <tbody>
            {props.recent.map((e) => (
              <tr>
                <td>{chinaDateTime(e.createdAt)}</td>
                <td>{e.actorName}</td>
                <td>{(text.audit.actions as Record<string, string>)[e.action] ?? e.action}</td>
                <td>{e.targetLabel ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TenantActions(props: { tenant: TenantSummary; csrfToken: string }) {
  const c = o.console;
  const at = `/platform/tenants/${props.tenant.slug}`;
  const status = props.tenant.status;
  return (
    <span class="actions">
      {status === 'active' && <a href={`${at}/suspend`}>{c.suspend}</a>}
      {status === 'suspended' && (
        <form method="post" action={`${at}/resume`} class="inline">
          <Csrf token={props.csrfToken} />
          <button type="submit" class="small">
            {c.resume}
          </button>
        </form>
      )}{' '}
      {(status === 'active' || status === 'suspended') && (
        <form method="post" action={`${at}/export`} class="inline" hx-boost="false">
          <Csrf token={props.csrfToken} />
          <button type="submit" class="small">
            {c.export}
          </button>
        </form>
      )}{' '}
      <a href={`${at}/delete`}>{c.delete}</a>
    </span>
  );
}

function TextInput(props: { name: keyof TenantFormValues; label: string; hint?: string; values: TenantFormValues; errors: TenantFormErrors }) {
  return (
    <Field
      name={props.name}
      label={props.label}
      hint={props.hint}
      error={props.errors[props.name]}
      control={(a) => (
        <input type="text" id={a.id} name={props.name} value={props.values[props.name]} aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined} />
      )}
    />
  );
}

function Hostnames(props: { label: string; values: TenantFormValues; errors: TenantFormErrors }) {
  return (
    <Field
      name="hostnames"
      label={props.label}
      hint={o.create.hostnamesHint}
      error={props.errors.hostnames}
      control={(a) => (
        <textarea id={a.id} name="hostnames" rows={3} aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined}>
          {props.values.hostnames}
        </textarea>
      )}
    />
  );
}

/** Which configured D1 database (shard) holds the county. */
function ShardSelect(props: { shards: string[]; values: TenantFormValues; errors: TenantFormErrors }) {
  return (
    <Field
      name="db_binding"
      label={o.create.shard}
      hint={o.create.shardHint}
      error={props.errors.db_binding}
      control={(a) => (
        <select id={a.id} name="db_binding" aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined}>
          {props.shards.map((b) => (
            <option value={b} selected={b === props.values.db_binding}>
              {b}
            </option>
          ))}
        </select>
      )}
    />
  );
}

function FormError(props: { errors: TenantFormErrors }) {
  return props.errors.form ? (
    <p class="alert" role="alert">
      {props.errors.form}
    </p>
  ) : null;
}

export function NewTenantPage(props: { csrfToken: string; values: TenantFormValues; errors: TenantFormErrors; shards: string[] }) {
  const f = o.create;
  const { values, errors } = props;
  return (
    <section>
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      <FormError errors={errors} />
      <form method="post" action="/platform/tenants" class="card">
        <Csrf token={props.csrfToken} />
        <TextInput name="slug" label={f.slug} hint={f.slugHint} values={values} errors={errors} />
        <TextInput name="name" label={f.name} hint={f.nameHint} values={values} errors={errors} />
        <Hostnames label={f.hostnames} values={values} errors={errors} />
        <TextInput name="admin_username" label={f.adminUsername} hint={f.adminUsernameHint} values={values} errors={errors} />
        <TextInput name="admin_display_name" label={f.adminDisplayName} values={values} errors={errors} />
        <ShardSelect shards={props.shards} values={values} errors={errors} />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </form>
    </section>
  );
}

export function TenantCreatedPage(props: { name: string; loginUrl: string; resetUrl: string; username: string; code: string; expiresAt: number }) {
  const f = o.created;
  return (
    <section>
      <h1>{f.title}</h1>
      <p>{f.intro(props.name)}</p>
      <dl class="card">
        <dt>{f.address}</dt>
        <dd>{props.loginUrl}</dd>
        <dt>{f.resetAddress}</dt>
        <dd>{props.resetUrl}</dd>
        <dt>{f.username}</dt>
        <dd>{props.username}</dd>
        <dt>{f.code}</dt>
        <dd>
          <strong class="code" data-code>
            {props.code}
          </strong>
        </dd>
      </dl>
      <p>{f.expires(chinaDateTime(props.expiresAt))}</p>
      <p class="alert">{f.onceOnly}</p>
      <p>
        <a class="button" href="/platform">
          {f.back}
        </a>
      </p>
    </section>
  );
}

export function SuspendTenantPage(props: { tenant: { slug: string; name: string }; csrfToken: string; notice: string; error?: string }) {
  const f = o.suspend;
  return (
    <section>
      <h1>{f.title(props.tenant.name)}</h1>
      <p>{f.intro}</p>
      <form method="post" action={`/platform/tenants/${props.tenant.slug}/suspend`} class="card">
        <Csrf token={props.csrfToken} />
        <Field
          name="notice"
          label={f.notice}
          error={props.error}
          control={(a) => (
            <textarea id={a.id} name="notice" rows={4} aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined}>
              {props.notice}
            </textarea>
          )}
        />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </form>
    </section>
  );
}

export function DeleteTenantPage(props: { tenant: TenantSummary; csrfToken: string; confirm: string; error?: string }) {
  const f = o.delete;
  return (
    <section>
      <h1>{f.title(props.tenant.name)}</h1>
      <p class="alert">{f.warning}</p>
      <p>{f.counts(props.tenant.users, props.tenant.suggestions)}</p>
      <form method="post" action={`/platform/tenants/${props.tenant.slug}/delete`} class="card">
        <Csrf token={props.csrfToken} />
        <Field
          name="confirm_slug"
          label={f.confirm}
          hint={props.tenant.slug}
          error={props.error}
          control={(a) => (
            <input
              type="text"
              id={a.id}
              name="confirm_slug"
              value={props.confirm}
              autocomplete="off"
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
        />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </form>
    </section>
  );
}

export function RestoreTenantPage(props: { csrfToken: string; values: TenantFormValues; errors: TenantFormErrors; shards: string[] }) {
  const f = o.restore;
  const { values, errors } = props;
  return (
    <section>
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      <FormError errors={errors} />
      <form method="post" action="/platform/restore" enctype="multipart/form-data" class="card" hx-boost="false">
        <Csrf token={props.csrfToken} />
        <Field
          name="archive"
          label={f.archive}
          hint={f.archiveHint}
          error={errors.archive}
          control={(a) => (
            <input type="file" id={a.id} name="archive" accept=".gz,application/gzip" aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined} />
          )}
        />
        <TextInput name="slug" label={f.slug} hint={o.create.slugHint} values={values} errors={errors} />
        <TextInput name="name" label={f.name} values={values} errors={errors} />
        <Hostnames label={f.hostnames} values={values} errors={errors} />
        <ShardSelect shards={props.shards} values={values} errors={errors} />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </form>
    </section>
  );
}

/** What every page of a suspended county answers, with the operator's notice. */
export function SuspendedTenantPage(props: { name: string; notice: string | null; since: number | null }) {
  const f = o.suspended;
  return (
    <section class="notice">
      <h1>{f.title}</h1>
      <p>
        <strong>{props.name}</strong>
      </p>
      {props.notice && <p class="content">{props.notice}</p>}
      {props.since && <p class="meta">{f.since(chinaDateTime(props.since))}</p>}
      <p>{f.kept}</p>
    </section>
  );
}
