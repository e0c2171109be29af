/**
 * The rows of one page know their page, so that a nested field asked of every row (a commitment's
 * progress, its committing actor) is read for the whole page in one query the first time a row asks,
 * and served to the other rows synchronously: no promise per row and no batching tick, so graphql-js
 * completes the page on its synchronous path. What is loaded lives on the page's own objects: it lasts
 * as long as the page, which a list's result cache may keep while the projections it names (those
 * the loaders read included) are unchanged (projections/result-cache.ts).
 */
interface Page {
  rows: readonly object[];
  loaded: Map<PageLoader<never, unknown>, Map<object, unknown>>;
}

/** On each row of a page (a symbol key: no JSON, no Object.keys; cheaper than a WeakMap per row). */
const PAGE = Symbol('page');
type OnPage = { [PAGE]?: Page };

/** Marks these rows as one page (connectionFromRows does it for every list). */
export function asPage<Row extends object>(rows: Row[]): Row[] {
  if (rows.length > 1) {
    const page: Page = { rows, loaded: new Map() };
    for (const row of rows) (row as OnPage)[PAGE] = page;
  }
  return rows;
}

/** A nested field read for all the rows of a row's page at once; a row outside a page is read alone. */
export class PageLoader<Row extends object, Value> {
  /** `batch` answers one value per row, in the rows' order. */
  constructor(private readonly batch: (rows: readonly Row[]) => Value[]) {}

  load(row: Row): Value {
    const page = (row as OnPage)[PAGE];
    if (!page) return this.batch([row])[0];
    let values = page.loaded.get(this) as Map<object, Value> | undefined;
    if (!values) {
      // A page's rows come from one list query, so they are all of this loader's kind.
      const rows = page.rows as Row[];
      const answers = this.batch(rows);
      values = new Map(rows.map((each, i) => [each, answers[i]]));
      page.loaded.set(this, values);
    }
    // A copy of a row ({ ...row }) carries the symbol but is not one of the page's rows: read alone.
    return values.has(row) ? (values.get(row) as Value) : this.batch([row])[0];
  }
}
