// uPlot behind one function, so the library and its stylesheet load only with the chart.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendData {
  x: number[];
  pct: Array<number | null>;
  calls: number[];
  labels: { pct: string; calls: string };
  width: number;
}

export function drawTrend(into: HTMLElement, d: TrendData): uPlot {
  const bars = uPlot.paths.bars?.({ size: [0.6, 40] });
  return new uPlot({
    width: d.width,
    height: 180,
    scales: { x: { time: true }, pct: { range: [0, 100] }, calls: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { scale: 'pct', values: (_u, ticks) => ticks.map((v) => `${v}%`) }, { scale: 'calls', side: 1, grid: { show: false } }],
    series: [
      {},
      { label: d.labels.calls, scale: 'calls', stroke: '#9aa5b1', fill: 'rgba(154,165,177,0.35)', ...(bars ? { paths: bars } : {}) },
      { label: d.labels.pct, scale: 'pct', stroke: '#2f7d32', width: 2, spanGaps: true, points: { show: true } },
    ],
  }, [d.x, d.calls, d.pct], into);
}
