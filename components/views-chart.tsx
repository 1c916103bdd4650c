import { formatDate } from '@/lib/format';
import { formatViewCount } from '@/lib/views/format';
import type { HourViews } from '@/lib/views/store';

type Props = { hours: HourViews[]; timeZone: string };

const width = 480;
const height = 140;
const axis = 20;

/**
 * Views per hour as a bar chart drawn on the server: plain SVG, no chart
 * library. Time runs left to right like a clock's axis in any script; the
 * figure's text alternative gives the total and the busiest hour.
 */
export function ViewsChart({ hours, timeZone }: Props) {
  const most = Math.max(1, ...hours.map((h) => h.views));
  const total = hours.reduce((sum, h) => sum + h.views, 0);
  const peak = hours.reduce((best, h) => (h.views > best.views ? h : best), hours[0] ?? { hour: 0, views: 0 });
  const slot = width / Math.max(1, hours.length);
  const label = `${formatViewCount(total)} في آخر ${hours.length} ساعة${total ? `، أعلاها ${formatViewCount(peak.views)} عند الساعة ${formatDate(new Date(peak.hour), timeZone).time}` : ''}`;
  return (
    <figure className="my-4">
      <svg viewBox={`0 0 ${width} ${height + axis}`} role="img" aria-label={label} className="h-auto w-full max-w-2xl">
        <line x1={0} y1={height} x2={width} y2={height} className="stroke-stone-400" strokeWidth={1} />
        {hours.map((h, i) => {
          const barHeight = (h.views / most) * (height - 4);
          return (
            <rect key={h.hour} x={i * slot + 1} y={height - barHeight} width={Math.max(1, slot - 2)} height={barHeight} className="fill-brand-600">
              <title>{`${formatDate(new Date(h.hour), timeZone).time}: ${h.views}`}</title>
            </rect>
          );
        })}
        {hours.map((h, i) =>
          i % 12 === 0 || i === hours.length - 1 ? (
            <text key={`t-${h.hour}`} x={i * slot + slot / 2} y={height + 14} textAnchor="middle" fontSize={11} className="fill-stone-700">
              {formatDate(new Date(h.hour), timeZone).time}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="mt-2 text-sm text-muted">{label}</figcaption>
    </figure>
  );
}
