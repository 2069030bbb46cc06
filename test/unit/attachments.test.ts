import { describe, expect, it } from 'vitest';
import { checkFile, MAX_FILE_BYTES } from '../../worker/rules/attachments';
import { fileRefusalText } from '../../views/text/handling';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('what may be attached to a reply', () => {
  it('a PDF or an image is recognised by its first bytes, whatever its name says', () => {
    expect(checkFile('答复函', 1000, PDF)).toEqual({ ok: true, contentType: 'application/pdf', filename: '答复函.pdf' });
    expect(checkFile('photo.pdf', 1000, PNG)).toEqual({ ok: true, contentType: 'image/png', filename: 'photo.pdf.png' });
  });
  it('an empty file, one over 10 MB and one of another kind are refused with a code naming the file', () => {
    expect(checkFile('a.pdf', 0, PDF)).toEqual({ ok: false, code: 'file_empty', name: 'a.pdf' });
    expect(checkFile('a.pdf', MAX_FILE_BYTES + 1, PDF)).toEqual({ ok: false, code: 'file_too_large', name: 'a.pdf' });
    expect(checkFile('a.doc', 10, new Uint8Array([0xd0, 0xcf]))).toEqual({ ok: false, code: 'file_bad_type', name: 'a.doc' });
  });
  it('the message names the file, a long name cut to 40 characters', () => {
    expect(fileRefusalText({ code: 'file_too_large', name: 'a.pdf' })).toBe('“a.pdf”超过 10 MB，请压缩后再上传。');
    expect(fileRefusalText({ code: 'file_empty', name: '长'.repeat(41) })).toBe(`“${'长'.repeat(40)}…”是空文件。`);
  });
});
