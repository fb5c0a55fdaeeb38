// The scorecard's per-day trend: compliance (% of calls met) as a line and calls as bars, drawn
// by uPlot (a small kept chart library), which loads with this chunk only when a chart is shown.
import { useEffect, useRef } from 'react';
import type { DayScore } from '../../core/records/index.ts';
import { instantOfWallTime } from '../../core/guidance/localTime.ts';

interface Props { days: DayScore[]; timeZone: string; labels: { pct: string; calls: string } }

export default function TrendChart({ days, timeZone, labels }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let alive = true;
    void import('./uplotChart.ts').then(({ drawTrend }) => {
      if (!alive || !box.current) return;
      const x = days.map((d) => {
        const [y, m, day] = d.day.split('-').map(Number) as [number, number, number];
        return instantOfWallTime(y, m, day, 12 * 60, 0, timeZone) / 1000;
      });
      chart = drawTrend(box.current, { x, pct: days.map((d) => d.pct), calls: days.map((d) => d.calls), labels, width: Math.max(320, box.current.clientWidth || 480) });
    });
    return () => { alive = false; chart?.destroy(); };
  }, [days, timeZone, labels]);
  return <div ref={box} className="trend-chart" />;
}
