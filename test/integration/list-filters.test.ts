/** Staff lists filter by state, unit, category, key and year, and search titles and contents. */
import { describe, expect, it } from 'vitest';
import { actOk, submitSuggestion, worldAndPeople } from '../helpers/flow';

async function world() {
  const { w, as } = await worldAndPeople('filters');
  const deputy = await as('deputy');
  const water = await submitSuggestion(w, deputy, { title: '关于加强农村黑臭水体治理的建议', content: '坑塘污水需要清淤。' });
  const road = await submitSuggestion(w, deputy, {
    title: '关于改善乡村道路安全设施的建议',
    content: '学校周边缺少减速带。',
    category_id: String(w.categories[1]),
  });
  const elder = await submitSuggestion(w, deputy, { title: '关于老人助餐的建议', content: '100%覆盖"幸福院"。' });
  const staff = await as('staff');
  await actOk(w, staff, road, 'accept', { category_id: String(w.categories[1]), is_key: '1', supervising_leader_id: String(w.users.chair.id) });
  await actOk(w, staff, road, 'assign', { mode: 'lead', lead_unit: String(w.units[1]) });
  return { w, staff, water, road, elder };
}

const titles = (html: string) => [...html.matchAll(/<a href="[^"]+\/suggestions\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();

describe('staff list filters and search', () => {
  it('searches Chinese phrases of 3+ characters with the full-text index, and 2-character words with LIKE', async () => {
    const { w, staff } = await world();
    expect(titles(await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('黑臭水体')}`)).text())).toEqual([
      '关于加强农村黑臭水体治理的建议',
    ]);
    expect(titles(await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('减速带')}`)).text())).toEqual([
      '关于改善乡村道路安全设施的建议',
    ]);
    expect(titles(await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('老人')}`)).text())).toEqual(['关于老人助餐的建议']);
    expect(titles(await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('乡村 道路')}`)).text())).toEqual([
      '关于改善乡村道路安全设施的建议',
    ]);
  });

  it('filters by state, unit, category, key and year', async () => {
    const { w, staff } = await world();
    const get = async (q: string) => titles(await (await staff.get(`${w.base}/suggestions?${q}`)).text());
    expect(await get('state=assigned')).toEqual(['关于改善乡村道路安全设施的建议']);
    expect(await get(`unit=${w.units[1]}`)).toEqual(['关于改善乡村道路安全设施的建议']);
    expect(await get(`unit=${w.units[0]}`)).toEqual([]);
    expect(await get(`category=${w.categories[1]}`)).toEqual(['关于改善乡村道路安全设施的建议']);
    expect(await get('key=1')).toEqual(['关于改善乡村道路安全设施的建议']);
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect((await get(`year=${year}`)).length).toBe(3);
    expect(await get(`year=${year - 1}`)).toEqual([]);
  });

  it('hostile or malformed filters never break the page', async () => {
    const { w, staff } = await world();
    for (const q of ['"', '100%', '_', 'NEAR(a b)', "'; drop table suggestions; --", '幸福院" OR "', 'a*', 'state=<script>']) {
      const res = await staff.get(`${w.base}/suggestions?q=${encodeURIComponent(q)}&state=nonsense&unit=abc&year=99999&page=-1`);
      expect(res.status, q).toBe(200);
    }
    expect(titles(await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('100%')}`)).text())).toEqual(['关于老人助餐的建议']);
  });
});
