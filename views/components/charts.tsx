/**
 * Charts drawn on the server as inline SVG: no script, scale to the screen
 * (viewBox), readable on a phone. Each chart has a text label for screen
 * readers; the page shows the same numbers in a table.
 */

const ROW = 22;
const LABEL = 120;
const WIDTH = 360;

/** Horizontal bars, one per item; `value` between 0 and `max`. */
export function BarChart(props: { label: string; items: { name: string; value: number | null; shown: string }[]; max: number }) {
  const { items, max } = props;
  const height = items.length * ROW + 4;
  const barSpace = WIDTH - LABEL - 56;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={props.label} xmlns="http://www.w3.org/2000/svg">
      {items.map((it, i) => {
        const y = i * ROW + 2;
        const w = it.value === null || max <= 0 ? 0 : Math.max(1, Math.round((it.value / max) * barSpace));
        return (
          <g>
            <text x={LABEL - 6} y={y + 15} text-anchor="end" font-size="12" fill="#333">
              {it.name.length > 9 ? `${it.name.slice(0, 8)}…` : it.name}
            </text>
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} fill="#2f6f9f" />
            <text x={LABEL + w + 4} y={y + 15} font-size="12" fill="#333">
              {it.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Lines over months: one polyline per series (the second dashed). */
export function LineChart(props: { label: string; months: string[]; series: { name: string; values: number[] }[] }) {
  const { months, series } = props;
  const height = 160;
  const left = 30;
  const bottom = 24;
  const plotW = WIDTH - left - 10;
  const plotH = height - bottom - 10;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => left + (months.length <= 1 ? plotW / 2 : (i * plotW) / (months.length - 1));
  const y = (v: number) => 10 + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(months.length / 6));
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={props.label} xmlns="http://www.w3.org/2000/svg">
      <line x1={left} y1={10 + plotH} x2={left + plotW} y2={10 + plotH} stroke="#999" />
      <text x={left - 4} y={14} text-anchor="end" font-size="10" fill="#555">
        {max}
      </text>
      <text x={left - 4} y={10 + plotH} text-anchor="end" font-size="10" fill="#555">
        0
      </text>
      {months.map((m, i) =>
        i % every === 0 ? (
          <text
            x={x(i)}
            y={height - 6}
            text-anchor={i === months.length - 1 && i > 0 ? 'end' : i === 0 && months.length > 1 ? 'start' : 'middle'}
            font-size="10"
            fill="#555"
          >
            {m.slice(2)}
          </text>
        ) : null,
      )}
      {series.map((s, k) => (
        <polyline
          points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
          fill="none"
          stroke={k === 0 ? '#2f6f9f' : '#b5651d'}
          stroke-width="2"
          stroke-dasharray={k === 0 ? undefined : '5 3'}
        />
      ))}
    </svg>
  );
}
