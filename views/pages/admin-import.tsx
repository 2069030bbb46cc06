/** 从表格导入: the upload forms with their templates, and the preview that lists every error or what would change. */
import { Hidden, Notice, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { text } from '../text/index';
import { DirectoryNav } from './admin-directory';
import type { ImportKind } from '../../worker/forms/import-rows';

const d = text.directory;
const t = d.import;

function UploadForm(props: { base: string; csrfToken: string; kind: ImportKind; maxMb: number; maxRows: number }) {
  const path = `${props.base}/admin/import/${props.kind}`;
  const id = `file-${props.kind}`;
  return (
    <PostForm action={path} csrfToken={props.csrfToken} multipart class="card" noBoost>
      <h2>{props.kind === 'deputies' ? t.deputiesTitle : t.unitsTitle}</h2>
      <p class="hint">{props.kind === 'deputies' ? t.matchDeputies : t.matchUnits}</p>
      <p>
        <a href={`${path}/template.csv`} download>
          {t.template}
        </a>
      </p>
      <div class="field">
        <label for={id}>{t.file}</label>
        <p class="hint" id={`${id}-hint`}>
          {t.fileHint(props.maxMb, props.maxRows)}
        </p>
        <input
          type="file"
          id={id}
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${id}-hint`}
          required
        />
      </div>
      <button type="submit">{t.preview}</button>
    </PostForm>
  );
}

export function ImportPage(props: { base: string; csrfToken: string; maxMb: number; maxRows: number; notice?: string }) {
  return (
    <section>
      <h1>{t.title}</h1>
      <DirectoryNav base={props.base} current="import" />
      <p>{t.intro}</p>
      <Notice notice={props.notice} />
      <UploadForm base={props.base} csrfToken={props.csrfToken} kind="deputies" maxMb={props.maxMb} maxRows={props.maxRows} />
      <UploadForm base={props.base} csrfToken={props.csrfToken} kind="units" maxMb={props.maxMb} maxRows={props.maxRows} />
    </section>
  );
}

export interface PreviewChange {
  change: 'add' | 'update';
  cells: string[];
}

export interface ImportPreviewProps {
  base: string;
  csrfToken: string;
  kind: ImportKind;
  fileName: string;
  rows: number;
  /** Formatted "第 N 行 「列名」：…" lines; empty when the file is valid. */
  errors: string[];
  /** Errors not listed. */
  moreErrors: number;
  summary?: { added: number; updated: number; unchanged: number };
  columns: string[];
  sample: PreviewChange[];
  /** What the confirm form sends back: the file itself, and its hash and summary as previewed. */
  confirm?: { content: string; sha256: string; expect: string };
  notice?: string;
}

export function ImportPreviewPage(p: ImportPreviewProps) {
  const what = p.kind === 'deputies' ? d.kinds.deputies.title : d.kinds.units.title;
  const path = `${p.base}/admin/import/${p.kind}`;
  return (
    <section>
      <h1>{t.previewTitle(what)}</h1>
      <DirectoryNav base={p.base} current="import" />
      <Notice alert={p.notice} />
      {p.fileName && <p>{t.fileLine(p.fileName, p.rows)}</p>}
      {p.errors.length > 0 ? (
        <div class="card has-error">
          <p class="error" role="alert">
            {t.invalidTitle(p.errors.length + p.moreErrors)}
          </p>
          <ul class="error">
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
          {p.moreErrors > 0 && <p>{t.moreErrors(p.moreErrors)}</p>}
        </div>
      ) : (
        p.summary && (
          <>
            <p class="alert ok" role="status">
              <strong>{t.summary(p.summary.added, p.summary.updated, p.summary.unchanged)}</strong>
            </p>
            {p.sample.length > 0 && (
              <>
                <p>{t.sample}</p>
                <DataTable
                  columns={['', ...p.columns]}
                  rows={p.sample}
                  focusable
                  row={(r) => (
                    <tr>
                      <td>{r.change === 'add' ? t.changeAdd : t.changeUpdate}</td>
                      {r.cells.map((v) => (
                        <td>{v}</td>
                      ))}
                    </tr>
                  )}
                />
              </>
            )}
            {p.confirm ? (
              <PostForm action={`${path}/confirm`} csrfToken={p.csrfToken} multipart class="card" noBoost>
                <Hidden values={{ file_name: p.fileName, sha256: p.confirm.sha256, expect: p.confirm.expect, content: p.confirm.content }} />
                <button type="submit">{t.confirm}</button>
              </PostForm>
            ) : (
              <p class="card">{t.nothingToDo}</p>
            )}
          </>
        )
      )}
      <p>
        <a href={`${p.base}/admin/import`}>{t.again}</a>
      </p>
    </section>
  );
}
