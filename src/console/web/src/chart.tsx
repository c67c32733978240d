/** A uPlot time-series chart that follows its data; created once, updated with setData. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Line {
  label: string;
  values: (number | null)[];
  color: string;
}

export function Chart({ id, title, t, lines }: { id: string; title: string; t: number[]; lines: Line[] }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const data = [t, ...lines.map((l) => l.values)] as uPlot.AlignedData;

  useEffect(() => {
    const el = box.current!;
    plot.current = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: 180,
        series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, spanGaps: false }))],
        axes: [{}, { size: 60 }],
      },
      data,
      el,
    );
    const resize = () => plot.current?.setSize({ width: Math.max(300, el.clientWidth), height: 180 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.current?.destroy();
    };
  }, []);

  useEffect(() => plot.current?.setData(data), [t, ...lines.map((l) => l.values)]);

  return (
    <div class="panel chart">
      <h2>{title}</h2>
      <div id={id} ref={box} data-points={t.length} />
    </div>
  );
}
