/**
 * The platform operator's pages (平台运维): the console of counties with
 * their counts, and the forms to create, suspend, restore and delete one.
 * Counts only: nothing here shows a county's content.
 */
import { Facts } from '../components/facts';
import { Field, SelectField, TextAreaField, TextField, ariaOf } from '../components/field';
import { Notice, PostButton, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { chinaDateTime } from '../format';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { TenantSummary } from '../../db/platform-data';
import type { TenantFormErrors, TenantFormValues } from '../../worker/forms/tenants';

const o = text.operator;

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
      <Notice notice={props.notice} />
      <p>
        <a class="button" href="/platform/tenants/new">
          {c.newTenant}
        </a>{' '}
        <a href="/platform/restore">{c.restore}</a>
      </p>
      <h2>{c.tenants}</h2>
      <DataTable
        columns={[c.slug, c.name, c.hostnames, c.shard, c.status, c.users, c.deputies, c.suggestions, c.open, c.storage, c.actions]}
        rows={props.tenants}
        empty={c.none}
        focusable
        row={(t) => (
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
        )}
      />
      <h2>{c.recent}</h2>
      <DataTable
        columns={[c.when, c.who, c.what, c.target]}
        rows={props.recent}
        empty={c.noRecent}
        emptyPlain
        row={(e) => (
          <tr>
            <td>{chinaDateTime(e.createdAt)}</td>
            <td>{e.actorName}</td>
            <td>{(text.audit.actions as Record<string, string>)[e.action] ?? e.action}</td>
            <td>{e.targetLabel ?? ''}</td>
          </tr>
        )}
      />
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
      {status === 'suspended' && <PostButton action={`${at}/resume`} csrfToken={props.csrfToken} class="inline" label={c.resume} />}{' '}
      {(status === 'active' || status === 'suspended') && (
        <PostButton action={`${at}/export`} csrfToken={props.csrfToken} class="inline" noBoost label={c.export} />
      )}{' '}
      <a href={`${at}/delete`}>{c.delete}</a>
    </span>
  );
}

function TextInput(props: { name: keyof TenantFormValues; label: string; hint?: string; values: TenantFormValues; errors: TenantFormErrors }) {
  return <TextField name={props.name} label={props.label} hint={props.hint} error={props.errors[props.name]} value={props.values[props.name]} />;
}

function Hostnames(props: { label: string; values: TenantFormValues; errors: TenantFormErrors }) {
  return (
    <TextAreaField
      name="hostnames"
      label={props.label}
      hint={o.create.hostnamesHint}
      error={props.errors.hostnames}
      value={props.values.hostnames}
      rows={3}
    />
  );
}

/** Which configured D1 database (shard) holds the county. */
function ShardSelect(props: { shards: string[]; values: TenantFormValues; errors: TenantFormErrors }) {
  return (
    <SelectField
      name="db_binding"
      label={o.create.shard}
      hint={o.create.shardHint}
      error={props.errors.db_binding}
      value={props.values.db_binding}
      options={props.shards.map((b) => [b, b] as const)}
    />
  );
}

export function NewTenantPage(props: { csrfToken: string; values: TenantFormValues; errors: TenantFormErrors; shards: string[] }) {
  const f = o.create;
  const { values, errors } = props;
  return (
    <section>
      <PageHead title={f.title} intro={f.intro} alert={errors.form} />
      <PostForm action="/platform/tenants" csrfToken={props.csrfToken} class="card">
        <TextInput name="slug" label={f.slug} hint={f.slugHint} values={values} errors={errors} />
        <TextInput name="name" label={f.name} hint={f.nameHint} values={values} errors={errors} />
        <Hostnames label={f.hostnames} values={values} errors={errors} />
        <TextInput name="admin_username" label={f.adminUsername} hint={f.adminUsernameHint} values={values} errors={errors} />
        <TextInput name="admin_display_name" label={f.adminDisplayName} values={values} errors={errors} />
        <ShardSelect shards={props.shards} values={values} errors={errors} />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </PostForm>
    </section>
  );
}

export function TenantCreatedPage(props: { name: string; loginUrl: string; resetUrl: string; username: string; code: string; expiresAt: number }) {
  const f = o.created;
  return (
    <section>
      <PageHead title={f.title} intro={f.intro(props.name)} />
      <Facts
        class="card"
        facts={[
          [f.address, props.loginUrl],
          [f.resetAddress, props.resetUrl],
          [f.username, props.username],
          [
            f.code,
            <strong class="code" data-code>
              {props.code}
            </strong>,
          ],
        ]}
      />
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
      <PageHead title={f.title(props.tenant.name)} intro={f.intro} />
      <PostForm action={`/platform/tenants/${props.tenant.slug}/suspend`} csrfToken={props.csrfToken} class="card">
        <TextAreaField name="notice" label={f.notice} error={props.error} value={props.notice} rows={4} />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </PostForm>
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
      <PostForm action={`/platform/tenants/${props.tenant.slug}/delete`} csrfToken={props.csrfToken} class="card">
        <TextField name="confirm_slug" label={f.confirm} hint={props.tenant.slug} error={props.error} value={props.confirm} autocomplete="off" />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </PostForm>
    </section>
  );
}

export function RestoreTenantPage(props: { csrfToken: string; values: TenantFormValues; errors: TenantFormErrors; shards: string[] }) {
  const f = o.restore;
  const { values, errors } = props;
  return (
    <section>
      <PageHead title={f.title} intro={f.intro} alert={errors.form} />
      <PostForm action="/platform/restore" csrfToken={props.csrfToken} multipart class="card" noBoost>
        <Field
          name="archive"
          label={f.archive}
          hint={f.archiveHint}
          error={errors.archive}
          control={(a) => <input type="file" id={a.id} name="archive" accept=".gz,application/gzip" {...ariaOf(a)} />}
        />
        <TextInput name="slug" label={f.slug} hint={o.create.slugHint} values={values} errors={errors} />
        <TextInput name="name" label={f.name} values={values} errors={errors} />
        <Hostnames label={f.hostnames} values={values} errors={errors} />
        <ShardSelect shards={props.shards} values={values} errors={errors} />
        <button type="submit">{f.submit}</button> <a href="/platform">{f.cancel}</a>
      </PostForm>
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
