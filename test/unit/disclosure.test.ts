import { describe, expect, it } from 'vitest';
import {
  containsWithheld,
  disclosureDue,
  disclosureWait,
  maskWithheld,
  parsePublicCopy,
  replyTextOf,
  withheldPatterns,
} from '../../worker/rules/disclosure';
import { calendarFrom } from '../../worker/rules/calendar';
import { DEFAULT_SETTINGS } from '../../worker/rules/settings';
import { NATIONAL_CALENDAR } from '../../db/seed/national-calendar';

const china = (iso: string) => Date.parse(`${iso}+08:00`);

describe('what is withheld from the public', () => {
  const patterns = withheldPatterns([
    { name: '张建国', phone: '139-1234-5678', address: '城关镇幸福路8号', confidential: true },
    { name: '李秀兰', phone: '13787654321', address: null, confidential: false },
  ]);

  it('every phone number, however it is written, and every address; a name only when the deputy asked', () => {
    const text = '联系张建国（13912345678，139 1234 5678），住城关镇幸福路8号；李秀兰 137-8765-4321。';
    expect(maskWithheld(text, patterns)).toBe('联系＊＊＊（＊＊＊，＊＊＊），住＊＊＊；李秀兰 ＊＊＊。');
    expect(containsWithheld(text, patterns)).toBe(true);
    expect(containsWithheld('李秀兰代表的建议', patterns)).toBe(false);
  });

  it('the edited copy is refused field by field while it still holds something withheld', () => {
    const r = parsePublicCopy({ title: '道路', content: '电话 13912345678', reply_text: '' }, patterns);
    expect(r).toEqual({ ok: false, errors: { reply_text: 'reply_required' } });
    const r2 = parsePublicCopy({ title: '道路', content: '电话 13912345678', reply_text: '已修复' }, patterns);
    expect(r2.ok).toBe(false);
    expect(!r2.ok && Object.keys(r2.errors)).toEqual(['content']);
  });
});

describe('the public reply text', () => {
  it('is the latest round of replies, each unit named under split handling, with the final reply', () => {
    const texts = [
      { unitName: '县交通运输局', kind: 'reply', round: 1, body: '第一次答复' },
      { unitName: '县交通运输局', kind: 'reply', round: 2, body: '重新答复' },
      { unitName: '县财政局', kind: 'reply', round: 2, body: '资金已下达' },
      { unitName: '县交通运输局', kind: 'final', round: 2, body: '已完工' },
    ];
    expect(replyTextOf(texts, '最终答复')).toBe('【县交通运输局】\n重新答复\n\n【县财政局】\n资金已下达\n\n【县交通运输局 · 最终答复】\n已完工');
    expect(replyTextOf(texts.slice(0, 1), '最终答复')).toBe('第一次答复');
  });
});

describe('the disclosure window (公开期限)', () => {
  const calendar = calendarFrom(NATIONAL_CALENDAR);

  it('counts 20 working days on the tenant calendar: holidays skipped, a 调休 Saturday counted', () => {
    // Replied on 2026-09-25 (中秋): 09-28…09-30 are 3, the National Day holiday 10-01…10-07 is skipped,
    // 10-08, 10-09 and the make-up Saturday 10-10 are 4–6, and the 20th is Thursday 10-29.
    const due = disclosureDue(calendar, DEFAULT_SETTINGS, china('2026-09-25T10:00:00'));
    expect(due).toBe('2026-10-29');
  });

  it('is overdue from the day after the due day, and says how long the reply waited', () => {
    const replied = china('2026-09-25T10:00:00');
    expect(disclosureWait('2026-10-29', replied, china('2026-10-29T23:59:00'))).toEqual({
      due: '2026-10-29',
      waitedDays: 34,
      overdue: false,
      overdueDays: 0,
    });
    expect(disclosureWait('2026-10-29', replied, china('2026-11-02T08:00:00'))).toEqual({
      due: '2026-10-29',
      waitedDays: 38,
      overdue: true,
      overdueDays: 4,
    });
  });
});
