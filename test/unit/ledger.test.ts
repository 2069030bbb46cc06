import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEDGER_WEIGHTS,
  ledgerScore,
  ledgerYear,
  rankByScore,
  zeroCounts,
  type LedgerCounts,
  type LedgerWeights,
} from '../../worker/rules/ledger';
import { parseEntryForm, parseWeights, weightValues } from '../../worker/forms/ledger';
import { settingsFrom } from '../../worker/rules/settings';

const counts = (c: Partial<LedgerCounts>): LedgerCounts => ({ ...zeroCounts(), ...c });

describe('the yearly score: Σ weight × count', () => {
  it('nothing recorded scores 0', () => {
    expect(ledgerScore(zeroCounts(), DEFAULT_LEDGER_WEIGHTS)).toBe(0);
  });

  it('each item counts its weight once per time, recorded and added entries alike', () => {
    const c = counts({
      suggestionsLed: 3,
      suggestionsCosigned: 4,
      forumsJoined: 2,
      receptionsAttended: 5,
      voterIssuesHandled: 7,
      ratingsGiven: 1,
      training: 2,
      inspection: 1,
      meeting: 3,
      other: 1,
    });
    // 3×5 + 4×2 + 2×3 + 5×3 + 7×1 + 1×1 + 2×2 + 1×2 + 3×1 + 1×1
    expect(ledgerScore(c, DEFAULT_LEDGER_WEIGHTS)).toBe(15 + 8 + 6 + 15 + 7 + 1 + 4 + 2 + 3 + 1);
  });

  it("the tenant's weights decide; a weight of 0 leaves the item out", () => {
    const weights: LedgerWeights = { ...DEFAULT_LEDGER_WEIGHTS, suggestionsLed: 10, ratingsGiven: 0 };
    expect(ledgerScore(counts({ suggestionsLed: 2, ratingsGiven: 9 }), weights)).toBe(20);
  });
});

describe('the yearly table order', () => {
  it('highest score first, equal scores share a rank and the next rank skips, then by name', () => {
    const rows = [
      { name: '乙', counts: counts({ suggestionsLed: 1 }) }, // 5
      { name: '甲', counts: counts({ suggestionsLed: 2 }) }, // 10
      { name: '丙', counts: counts({ suggestionsCosigned: 5 }) }, // 10
      { name: '丁', counts: zeroCounts() }, // 0
    ];
    const ranked = rankByScore(rows, DEFAULT_LEDGER_WEIGHTS);
    expect(ranked.map((r) => [r.score, r.rank])).toEqual([
      [10, 1],
      [10, 1],
      [5, 3],
      [0, 4],
    ]);
    expect(
      ranked
        .slice(0, 2)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['丙', '甲']);
  });
});

describe('weights as a tenant setting', () => {
  it('a new tenant has the defaults', () => {
    expect(settingsFrom([]).ledgerWeights).toEqual(DEFAULT_LEDGER_WEIGHTS);
  });

  it('stored weights are used; a bad stored value falls back to the defaults', () => {
    const stored = { ...DEFAULT_LEDGER_WEIGHTS, meeting: 4 };
    expect(settingsFrom([{ key: 'ledgerWeights', value: JSON.stringify(stored) }]).ledgerWeights.meeting).toBe(4);
    expect(settingsFrom([{ key: 'ledgerWeights', value: '{"meeting":-3}' }]).ledgerWeights).toEqual(DEFAULT_LEDGER_WEIGHTS);
  });

  it('the settings form reads whole numbers 0–100 and names each wrong field', () => {
    const values = weightValues({ ...DEFAULT_LEDGER_WEIGHTS, training: 7 });
    const ok = parseWeights(values);
    expect(ok.ok && ok.value.training).toBe(7);
    const bad = parseWeights({ ...values, ledgerWeight_meeting: '101', ledgerWeight_other: '-1', ledgerWeight_training: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['ledgerWeight_meeting', 'ledgerWeight_other', 'ledgerWeight_training']);
  });
});

describe('an entry staff add', () => {
  const today = '2026-11-20';
  it('needs a kind, a title and a date not after today', () => {
    const r = parseEntryForm({ kind: 'party', title: ' ', occurred_on: '2026-11-21', note: '' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['kind', 'occurred_on', 'title']);
  });
  it('a training on a past date is accepted, trimmed, empty note as none', () => {
    const r = parseEntryForm({ kind: 'training', title: ' 代表履职培训班 ', occurred_on: '2026-03-02', note: '' }, today);
    expect(r).toEqual({ ok: true, value: { kind: 'training', title: '代表履职培训班', occurredOn: '2026-03-02', note: null } });
  });
});

describe('the year shown', () => {
  it('takes ?year= when plausible, else the current year', () => {
    expect(ledgerYear('2025', 2026)).toBe(2025);
    expect(ledgerYear('abc', 2026)).toBe(2026);
    expect(ledgerYear('99999', 2026)).toBe(2026);
    expect(ledgerYear(undefined, 2026)).toBe(2026);
  });
});
