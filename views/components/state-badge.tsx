/** A suggestion's state as a labelled badge (text, not colour alone). */
import { text } from '../text/index';
import type { SuggestionState } from '../../worker/rules/suggestion-states';

export function StateBadge(props: { state: string }) {
  const label = text.states[props.state as SuggestionState] ?? props.state;
  return <span class={`state state-${props.state}`}>{label}</span>;
}
