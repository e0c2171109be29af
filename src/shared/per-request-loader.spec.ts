import { PerRequestLoader } from './per-request-loader.js';

describe('PerRequestLoader', () => {
  const source = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  const calls: string[][] = [];
  const loader = new PerRequestLoader<string, number | undefined>((keys) => {
    calls.push([...keys]);
    return keys.map((key) => source.get(key));
  });
  beforeEach(() => (calls.length = 0));

  it('answers the loads of one request in the same tick with one batch, each key its own value', async () => {
    const request = {};
    await expect(Promise.all(['b', 'a', 'x', 'b'].map((key) => loader.load(request, key)))).resolves.toEqual([2, 1, undefined, 2]);
    expect(calls).toEqual([['b', 'a', 'x', 'b']]);
  });

  it('keeps two requests apart, and reads afresh on the next tick (no memoised value after a write)', async () => {
    const [first, second] = [{}, {}];
    await Promise.all([loader.load(first, 'a'), loader.load(second, 'c')]);
    expect(calls).toEqual([['a'], ['c']]);
    source.set('a', 10);
    await expect(loader.load(first, 'a')).resolves.toBe(10);
    source.set('a', 1);
  });
});
