import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

// Only what the console draws: bar charts. Chart.js draws on canvas, so the strict CSP (no inline styles) holds.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
}

const COLOURS = ['#0b5cad', '#e07b00', '#5a8f29', '#8e44ad'];

/** A bar chart; the numbers are in the table beside it, so the canvas is hidden from screen readers. */
export function BarChart({
  labels,
  series,
  stacked = false,
  horizontal = false,
}: {
  labels: string[];
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { stacked, beginAtZero: true }, y: { stacked, beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(labels), JSON.stringify(series), stacked, horizontal]);
  return (
    <div class={`chart-box${horizontal ? ' tall' : ''}`}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
