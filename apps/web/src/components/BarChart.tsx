import { formatMoney } from '../i18n/format';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bars for the eye; the same figures as a table for screen readers and print
 * (the picture is hidden from assistive technology, the table is not).
 */
export function BarChart({ title, bars, valueLabel }: { title: string; bars: Bar[]; valueLabel: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <div aria-hidden="true" className="bar-chart__bars">
        {bars.map((bar) => (
          <div key={bar.label} className="bar-chart__row">
            <span className="bar-chart__label">{bar.label}</span>
            <span className="bar-chart__track">
              <span className="bar-chart__bar" style={{ width: `${(bar.value / max) * 100}%` }} />
            </span>
            <span className="bar-chart__value">{formatMoney(bar.value)}</span>
          </div>
        ))}
      </div>
      <table className="data-table bar-chart__table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td className="number">{formatMoney(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
