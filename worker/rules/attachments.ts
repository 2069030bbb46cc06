/**
 * What may be attached to a reply: scanned letters and photos — PDF, JPEG
 * or PNG, recognised by their first bytes (not by the name or the type the
 * browser claims), at most 10 MB each and 5 per reply.
 */

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The request limit for forms that carry files (the others stay at 256 KB). */
export const MAX_UPLOAD_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 256 * 1024;

const SIGNATURES: { type: string; ext: string; bytes: number[] }[] = [
  { type: 'application/pdf', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** Why a file is refused (views/text/handling.ts words each for the user). */
export type FileRefusal = 'file_empty' | 'file_too_large' | 'file_bad_type';

export type FileCheck = { ok: true; contentType: string; filename: string } | { ok: false; code: FileRefusal; name: string };

/** A filename safe to store and to send back in Content-Disposition. */
export function cleanFilename(name: string, ext: string): string {
  const base =
    name
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .trim()
      .slice(0, 80) || 'file';
  return base.toLowerCase().endsWith(`.${ext}`) || (ext === 'jpg' && /\.jpe?g$/i.test(base)) ? base : `${base}.${ext}`;
}

export function checkFile(name: string, size: number, head: Uint8Array): FileCheck {
  if (size === 0) return { ok: false, code: 'file_empty', name };
  if (size > MAX_FILE_BYTES) return { ok: false, code: 'file_too_large', name };
  const kind = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  if (!kind) return { ok: false, code: 'file_bad_type', name };
  return { ok: true, contentType: kind.type, filename: cleanFilename(name, kind.ext) };
}
