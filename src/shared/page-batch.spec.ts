import { asPage, PageLoader } from './page-batch.js';

describe('PageLoader', () => {
  const stock = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  const calls: string[][] = [];
  const loader = new PageLoader<{ id: string }, number | undefined>((rows) => {
    calls.push(rows.map((row) => row.id));
    return rows.map((row) => stock.get(row.id));
  });
  beforeEach(() => (calls.length = 0));

  it('reads a page’s rows in one batch on the first row asked, then answers the others synchronously', () => {
    const page = asPage([{ id: 'b' }, { id: 'a' }, { id: 'x' }]);
    expect(page.map((row) => loader.load(row))).toEqual([2, 1, undefined]);
    expect(calls).toEqual([['b', 'a', 'x']]);
  });

  it('reads a row outside any page alone, every time', () => {
    const row = { id: 'c' };
    expect([loader.load(row), loader.load(row)]).toEqual([3, 3]);
    expect(calls).toEqual([['c'], ['c']]);
  });

  it('keeps pages apart: a page built after a write reads the write', () => {
    const before = asPage([{ id: 'a' }, { id: 'b' }]);
    expect(loader.load(before[0])).toBe(1);
    stock.set('a', 10);
    const after = asPage([{ id: 'a' }, { id: 'b' }]);
    expect(loader.load(after[0])).toBe(10);
    expect(calls).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    stock.set('a', 1);
  });

  it('reads a copy of a page’s row alone (it is not one of the page’s rows)', () => {
    const page = asPage([{ id: 'a' }, { id: 'b' }]);
    expect(loader.load({ ...page[1], id: 'c' })).toBe(3);
  });

  it('keeps two loaders of the same page apart', () => {
    const doubled = new PageLoader<{ id: string }, number>((rows) => rows.map((row) => 2 * (stock.get(row.id) ?? 0)));
    const page = asPage([{ id: 'a' }, { id: 'c' }]);
    expect([loader.load(page[1]), doubled.load(page[1])]).toEqual([3, 6]);
  });
});
