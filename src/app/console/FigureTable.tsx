import { BarChart } from './BarChart';

/** A column of a figure's table: its heading and how a row's value reads (a count, a share, an average…). */
export interface FigureColumn<R> {
  id: string;
  heading: string;
  value: (row: R) => string;
}

/** A series of a figure's chart: its label and a row's number. */
export interface FigureSeries<R> {
  label: string;
  value: (row: R) => number;
}

/**
 * A report figure: a chart with its numbers as an accessible table beside it, one row per
 * group and a column per value (this period, the previous one, last year…), each column
 * formatting its own values. The dashboard's counts and the survey's shares are both this.
 */
export function FigureTable<R extends { key: string }>({
  figure,
  headingId,
  title,
  rows,
  name,
  head,
  columns,
  chart,
  empty,
}: {
  /** The figure's data-figure name (tests and print rules find it by that). */
  figure: string;
  headingId: string;
  title: string;
  rows: R[];
  /** A group's name as a person reads it. */
  name: (key: string) => string;
  /** The heading of the group column. */
  head: string;
  columns: Array<FigureColumn<R>>;
  chart: Array<FigureSeries<R>>;
  /** What the table says when there are no rows. */
  empty: string;
}) {
  const labels = rows.map((r) => name(r.key));
  return (
    <section class="figure" aria-labelledby={headingId} data-figure={figure}>
      <h2 id={headingId}>{title}</h2>
      <div class="figure-body">
        {rows.length && chart.length ? (
          <BarChart
            labels={labels}
            series={chart.map((s) => ({ label: s.label, values: rows.map(s.value) }))}
            horizontal={rows.length > 8}
          />
        ) : null}
        <table class="console-table figure-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              {columns.map((c) => (
                <th key={c.id} scope="col">
                  {c.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row">{labels[i]}</th>
                {columns.map((c) => (
                  <td key={c.id} data-column={c.id}>
                    {c.value(r)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 1}>{empty}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
