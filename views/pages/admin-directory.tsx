/** The tenant admin's 基础名录 pages: one list and one form for each kind, sharing their frame. */
import { SelectField as SharedSelectField, TextField as SharedTextField } from '../components/field';
import { Notice, PostButton, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { text } from '../text/index';
import type { DirectoryKind, DirectoryRecord, StatusFilter } from '../../db/repos/directory';
import type { FormErrors, FormValues } from '../../worker/forms/directory';

const d = text.directory;
const f = d.fields;

export interface StationOption {
  id: number;
  name: string;
  retiredAt: number | null;
}

/** Links between the four lists and the import page. */
export function DirectoryNav(props: { base: string; current: DirectoryKind | 'import' }) {
  const kinds: DirectoryKind[] = ['deputies', 'units', 'stations', 'categories'];
  return (
    <nav class="filters" aria-label={d.nav}>
      {kinds.map((k) => (k === props.current ? <strong>{d.kinds[k].title}</strong> : <a href={`${props.base}/admin/${k}`}>{d.kinds[k].title}</a>))}{' '}
      {props.current === 'import' ? <strong>{d.importLink}</strong> : <a href={`${props.base}/admin/import`}>{d.importLink}</a>}
    </nav>
  );
}

/** The cells of a row in the list, after the name. */
function cells(kind: DirectoryKind, r: DirectoryRecord, stationName: (id: number | null) => string): string[] {
  switch (kind) {
    case 'deputies': {
      const x = r as Extract<DirectoryRecord, { groupName: unknown }>;
      return [text.deputyLevels[x.level] ?? x.level, stationName(x.stationId), x.groupName ?? '', x.phone ?? ''];
    }
    case 'units': {
      const x = r as Extract<DirectoryRecord, { headContact: unknown }>;
      return [x.headContact ?? '', x.phone ?? '', x.email ?? ''];
    }
    case 'stations': {
      const x = r as Extract<DirectoryRecord, { township: unknown }>;
      return [x.township ?? '', d.stationLevels[x.level] ?? x.level];
    }
    case 'categories': {
      const x = r as Extract<DirectoryRecord, { sort: unknown }>;
      return [String(x.sort)];
    }
  }
}

const HEADERS: Record<DirectoryKind, string[]> = {
  deputies: [f.name, f.level, f.station, f.group, f.phone],
  units: [f.unitName, f.headContact, f.unitPhone, f.email],
  stations: [f.stationName, f.township, f.stationLevel],
  categories: [f.categoryName, f.sort],
};

export function DirectoryListPage(props: {
  base: string;
  csrfToken: string;
  kind: DirectoryKind;
  status: StatusFilter;
  q: string;
  page: number;
  hasMore: boolean;
  items: DirectoryRecord[];
  stations: StationOption[];
  notice?: string;
}) {
  const k = d.kinds[props.kind];
  const path = `${props.base}/admin/${props.kind}`;
  const stationNames = new Map(props.stations.map((s) => [s.id, s.name]));
  const stationName = (id: number | null) => (id === null ? '' : (stationNames.get(id) ?? ''));
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ status: props.status });
    if (props.q) params.set('q', props.q);
    if (page > 0) params.set('page', String(page));
    return `${path}?${params.toString()}`;
  };
  return (
    <section>
      <h1>{k.title}</h1>
      <DirectoryNav base={props.base} current={props.kind} />
      <p class="hint">{d.homeIntro}</p>
      <Notice notice={props.notice} />
      <p>
        <a class="button" href={`${path}/new`}>
          {k.add}
        </a>
      </p>
      <form method="get" action={path} class="inline filters">
        <label>
          {f.status}{' '}
          <select name="status">
            {(['active', 'retired', 'all'] as const).map((s) => (
              <option value={s} selected={s === props.status}>
                {d.status[s]}
              </option>
            ))}
          </select>
        </label>{' '}
        {props.kind === 'deputies' && (
          <label>
            {d.search} <input type="text" name="q" value={props.q} maxlength={20} />
          </label>
        )}{' '}
        <button type="submit">{d.apply}</button>
      </form>
      <DataTable
        columns={[...HEADERS[props.kind], f.status, d.actions]}
        rows={props.items}
        empty={d.empty}
        focusable
        row={(r) => (
          <tr>
            <th scope="row">{r.name}</th>
            {cells(props.kind, r, stationName).map((v) => (
              <td>{v}</td>
            ))}
            <td>{r.retiredAt === null ? d.status.active : d.status.retired}</td>
            <td>
              <a href={`${path}/${r.id}/edit`}>{d.edit}</a>{' '}
              <PostButton
                action={`${path}/${r.id}/${r.retiredAt === null ? 'retire' : 'restore'}`}
                csrfToken={props.csrfToken}
                class="inline"
                label={r.retiredAt === null ? d.retire : d.restore}
              />
            </td>
          </tr>
        )}
      />
      <nav class="pager" aria-label={text.nav.pager}>
        {props.page > 0 && <a href={pageLink(props.page - 1)}>{text.nav.previousPage}</a>}
        {props.hasMore && <a href={pageLink(props.page + 1)}>{text.nav.nextPage}</a>}
      </nav>
    </section>
  );
}

function TextField(props: {
  name: string;
  label: string;
  values: FormValues;
  errors: FormErrors;
  hint?: string;
  inputmode?: 'tel' | 'email' | 'numeric';
  maxlength?: number;
}) {
  const { values, errors, ...field } = props;
  return <SharedTextField {...field} error={errors[props.name]} value={values[props.name]} maxlength={props.maxlength ?? 100} />;
}

function SelectField(props: { name: string; label: string; values: FormValues; errors: FormErrors; options: [string, string][] }) {
  const { values, errors, ...field } = props;
  return <SharedSelectField {...field} error={errors[props.name]} value={values[props.name] ?? ''} />;
}

/** The fields of one kind's form. */
function FormFields(props: { kind: DirectoryKind; values: FormValues; errors: FormErrors; stations: StationOption[] }) {
  const { values, errors } = props;
  const common = { values, errors };
  switch (props.kind) {
    case 'deputies': {
      // A retired station stays offered only to the deputy already attached to it.
      const stations = props.stations.filter((s) => s.retiredAt === null || String(s.id) === values.station_id);
      return (
        <>
          <TextField name="name" label={f.name} maxlength={50} {...common} />
          <SelectField name="level" label={f.level} options={[['', ''], ...Object.entries(text.deputyLevels)]} {...common} />
          <SelectField
            name="station_id"
            label={f.station}
            options={[
              ['', d.noStation],
              ...stations.map((s): [string, string] => [String(s.id), s.retiredAt === null ? s.name : `${s.name}${d.retiredMark}`]),
            ]}
            {...common}
          />
          <TextField name="group_name" label={f.group} maxlength={50} {...common} />
          <TextField name="phone" label={f.phone} inputmode="tel" maxlength={30} {...common} />
          <TextField name="address" label={f.address} {...common} />
          <label class="choice">
            <input type="checkbox" name="confidential" value="1" checked={values.confidential === '1'} /> {f.confidential}
          </label>
        </>
      );
    }
    case 'units':
      return (
        <>
          <TextField name="name" label={f.unitName} maxlength={50} {...common} />
          <TextField name="head_contact" label={f.headContact} maxlength={50} {...common} />
          <TextField name="phone" label={f.unitPhone} inputmode="tel" maxlength={30} {...common} />
          <TextField name="email" label={f.email} inputmode="email" {...common} />
        </>
      );
    case 'stations':
      return (
        <>
          <TextField name="name" label={f.stationName} maxlength={50} {...common} />
          <TextField name="township" label={f.township} maxlength={30} {...common} />
          <SelectField name="level" label={f.stationLevel} options={Object.entries(d.stationLevels)} {...common} />
        </>
      );
    case 'categories':
      return (
        <>
          <TextField name="name" label={f.categoryName} maxlength={50} {...common} />
          <TextField name="sort" label={f.sort} hint={f.sortHint} inputmode="numeric" maxlength={4} {...common} />
        </>
      );
  }
}

export function DirectoryFormPage(props: {
  base: string;
  csrfToken: string;
  kind: DirectoryKind;
  /** The row being edited, or null for a new one. */
  id: number | null;
  values: FormValues;
  errors: FormErrors;
  stations: StationOption[];
}) {
  const k = d.kinds[props.kind];
  const path = `${props.base}/admin/${props.kind}`;
  return (
    <section>
      <h1>{props.id === null ? k.add : k.edit}</h1>
      <DirectoryNav base={props.base} current={props.kind} />
      <PostForm action={props.id === null ? path : `${path}/${props.id}`} csrfToken={props.csrfToken} class="card" novalidate>
        <FormFields kind={props.kind} values={props.values} errors={props.errors} stations={props.stations} />
        <p>
          <button type="submit">{d.save}</button> <a href={path}>{d.cancel}</a>
        </p>
      </PostForm>
    </section>
  );
}
