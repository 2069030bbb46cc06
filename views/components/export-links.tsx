/** “导出：CSV · Excel” under a list: the same address with `format=csv|xlsx`. */
import { text } from '../text/index';

export function ExportLinks(props: { href: string; label?: string }) {
  const join = props.href.includes('?') ? '&' : '?';
  return (
    <p class="meta no-print">
      {props.label ?? text.stats.export}：<a href={`${props.href}${join}format=csv`}>CSV</a> · <a href={`${props.href}${join}format=xlsx`}>Excel</a>
    </p>
  );
}
