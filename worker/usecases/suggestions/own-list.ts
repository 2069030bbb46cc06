/**
 * 我的建议 / 我录入的建议 — the page's list and the API's: a deputy's led
 * or co-signed suggestions, or what a liaison clerk typed in.
 */
import { PAGE_SIZE, type SuggestionListItem } from '../../../db/tenant-data';
import { userOf, type UseCaseContext } from '../context';

export function ownSuggestions(c: UseCaseContext, page: number, size = PAGE_SIZE): Promise<SuggestionListItem[]> {
  const user = userOf(c);
  return user.role === 'deputy' && user.deputyId !== null
    ? c.var.data.suggestions.listForDeputy(user.deputyId, page, size)
    : c.var.data.suggestions.listEnteredBy(user.id, page, size);
}
