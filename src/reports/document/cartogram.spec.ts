import { TerritoryService } from '../../territory/territory.service.js';
import { DEPARTEMENT_TILES, tileCartogram } from './cartogram.js';

const territories = new TerritoryService();
territories.load();
const METROPOLITAN_REGIONS = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
const distance = (a: string, b: string) => {
  const [p, q] = [DEPARTEMENT_TILES[a], DEPARTEMENT_TILES[b]];
  return Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]));
};

describe('The tile cartogram of the départements', () => {
  it('gives every département of metropolitan France a square of its own', () => {
    const codes = METROPOLITAN_REGIONS.flatMap((r) => territories.departementsOfRegion(r).map((d) => d.code));
    expect(codes).toHaveLength(96);
    for (const code of codes) expect(DEPARTEMENT_TILES[code]).toBeDefined();
    const squares = Object.values(DEPARTEMENT_TILES).map(([row, column]) => `${row},${column}`);
    expect(new Set(squares).size).toBe(squares.length);
  });

  it('keeps each region in one piece: every département touches another of its region', () => {
    for (const region of METROPOLITAN_REGIONS) {
      const codes = territories.departementsOfRegion(region).map((d) => d.code);
      if (codes.length < 2) continue;
      for (const code of codes) expect([region, code, Math.min(...codes.filter((c) => c !== code).map((c) => distance(code, c)))]).toEqual([region, code, 1]);
    }
  });

  it('places known neighbours side by side and the far ends far apart', () => {
    for (const [a, b] of [
      ['44', '85'],
      ['44', '49'],
      ['44', '35'],
      ['53', '72'],
      ['75', '92'],
      ['75', '93'],
      ['75', '94'],
      ['59', '62'],
      ['67', '68'],
      ['2A', '2B'],
      ['13', '84'],
      ['64', '65'],
    ])
      expect([a, b, distance(a, b)]).toEqual([a, b, 1]);
    // North and south, west and east.
    expect(DEPARTEMENT_TILES['59'][0]).toBeLessThan(DEPARTEMENT_TILES['75'][0]);
    expect(DEPARTEMENT_TILES['75'][0]).toBeLessThan(DEPARTEMENT_TILES['13'][0]);
    expect(DEPARTEMENT_TILES['29'][1]).toBeLessThan(DEPARTEMENT_TILES['44'][1]);
    expect(DEPARTEMENT_TILES['44'][1]).toBeLessThan(DEPARTEMENT_TILES['67'][1]);
  });

  it('draws the region’s départements where the grid puts them, with a locator of France', () => {
    const tile = (code: string) => ({ code, name: `${territories.departement(code)!.name} (${code})`, lines: ['locaux raccordables : 1'] });
    const svg = tileCartogram(['44', '49', '53', '72', '85'].map(tile), 'La région en France');
    const at = (code: string) => {
      const [, x, y] = new RegExp(`data-departement="${code}"[^>]*><rect x="(\\d+)" y="(\\d+)"`).exec(svg)!;
      return { x: Number(x), y: Number(y) };
    };
    // Mayenne above Loire-Atlantique, Sarthe east of Mayenne, Vendée below Loire-Atlantique.
    expect(at('53').x).toBe(at('44').x);
    expect(at('53').y).toBeLessThan(at('44').y);
    expect(at('72').x).toBeGreaterThan(at('53').x);
    expect(at('85').y).toBeGreaterThan(at('44').y);
    expect(svg).toContain('Loire-Atlantique');
    // The locator: 96 squares, the region's 5 filled.
    expect(svg.match(/<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?" width="8.5"/g)).toHaveLength(96);
    expect(svg.match(/width="8.5" height="8.5" fill="#0072B2"/g)).toHaveLength(5);
  });
});
