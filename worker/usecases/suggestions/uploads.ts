/**
 * Reply attachments: checked by worker/rules/attachments.ts, stored in R2
 * under a key that names the tenant and the suggestion, served back only to
 * those who may see the suggestion.
 */
import { MAX_FILES, checkFile } from '../../rules/attachments';
import type { StoredFile } from '../../../db/repos/handling';
import { text } from '../../../views/text/index';
import { fileRefusalText } from '../../../views/text/handling';

export interface CheckedFile {
  file: File;
  filename: string;
  contentType: string;
}

export async function checkUploads(files: File[]): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; message: string }> {
  if (files.length > MAX_FILES) return { ok: false, message: text.attachments.tooMany(MAX_FILES) };
  const out: CheckedFile[] = [];
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const result = checkFile(file.name, file.size, head);
    if (!result.ok) return { ok: false, message: fileRefusalText(result) };
    out.push({ file, filename: result.filename, contentType: result.contentType });
  }
  return { ok: true, files: out };
}

export async function storeUploads(bucket: R2Bucket, tenantId: number, suggestionId: number, files: CheckedFile[]): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  for (const f of files) {
    const r2Key = `t/${tenantId}/s/${suggestionId}/${crypto.randomUUID()}`;
    await bucket.put(r2Key, await f.file.arrayBuffer(), { httpMetadata: { contentType: f.contentType } });
    stored.push({ r2Key, filename: f.filename, contentType: f.contentType, size: f.file.size });
  }
  return stored;
}
