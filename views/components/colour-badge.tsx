/** A suggestion's 三色督办 colour as text and colour (never colour alone); nothing when green. */
import { text } from '../text/index';

export function ColourBadge(props: { colour: string; showGreen?: boolean }) {
  if (props.colour === 'green' && !props.showGreen) return null;
  return <span class={`colour colour-${props.colour}`}>{text.supervision.colours[props.colour] ?? props.colour}</span>;
}
