import { escapeHtml } from '../../shared/output-text.js';

/**
 * The départements of metropolitan France on a tile grid: [row, column], north to south and west
 * to east, one square each. Hand-placed (see docs/reports.md): each prefecture's latitude and
 * longitude snapped to a grid of about 0.7° (the most crowded places first, each on the nearest
 * free square), then Île-de-France, the Nord and Corsica set by hand so that neighbours stay
 * neighbours, in the manner of the tile-grid maps of France used by the press.
 */
export const DEPARTEMENT_TILES: Readonly<Record<string, readonly [number, number]>> = {
  '62': [0, 6],
  '59': [0, 7],
  '76': [1, 5],
  '80': [1, 6],
  '02': [1, 7],
  '08': [1, 8],
  '50': [2, 3],
  '14': [2, 4],
  '27': [2, 5],
  '60': [2, 6],
  '95': [2, 7],
  '93': [2, 8],
  '55': [2, 9],
  '57': [2, 10],
  '22': [3, 2],
  '61': [3, 4],
  '78': [3, 5],
  '92': [3, 6],
  '75': [3, 7],
  '94': [3, 8],
  '51': [3, 9],
  '52': [3, 10],
  '54': [3, 11],
  '67': [3, 12],
  '29': [4, 1],
  '35': [4, 2],
  '53': [4, 3],
  '72': [4, 4],
  '41': [4, 5],
  '28': [4, 6],
  '91': [4, 7],
  '77': [4, 8],
  '10': [4, 9],
  '70': [4, 10],
  '88': [4, 11],
  '68': [4, 12],
  '56': [5, 2],
  '44': [5, 3],
  '49': [5, 4],
  '37': [5, 5],
  '45': [5, 6],
  '18': [5, 7],
  '89': [5, 8],
  '21': [5, 9],
  '25': [5, 10],
  '90': [5, 11],
  '85': [6, 3],
  '79': [6, 4],
  '86': [6, 5],
  '36': [6, 6],
  '03': [6, 7],
  '58': [6, 8],
  '71': [6, 9],
  '39': [6, 10],
  '17': [7, 3],
  '16': [7, 4],
  '87': [7, 5],
  '23': [7, 6],
  '63': [7, 7],
  '69': [7, 8],
  '01': [7, 9],
  '73': [7, 10],
  '74': [7, 11],
  '33': [8, 4],
  '24': [8, 5],
  '19': [8, 6],
  '15': [8, 7],
  '42': [8, 8],
  '26': [8, 9],
  '38': [8, 10],
  '47': [9, 4],
  '46': [9, 5],
  '82': [9, 6],
  '12': [9, 7],
  '43': [9, 8],
  '07': [9, 9],
  '05': [9, 10],
  '40': [10, 4],
  '32': [10, 5],
  '31': [10, 6],
  '81': [10, 7],
  '48': [10, 8],
  '30': [10, 9],
  '84': [10, 10],
  '04': [10, 11],
  '06': [10, 12],
  '64': [11, 4],
  '65': [11, 5],
  '09': [11, 6],
  '11': [11, 7],
  '34': [11, 8],
  '13': [11, 10],
  '83': [11, 11],
  '2B': [11, 13],
  '66': [12, 7],
  '2A': [12, 13],
  // Overseas départements, in a row of their own below the mainland.
  '971': [14, 0],
  '972': [14, 1],
  '973': [14, 2],
  '974': [14, 3],
  '976': [14, 4],
};

/** Rows of the mainland on the grid: the locator shows these. */
const MAINLAND_ROWS = 13;

export interface Tile {
  code: string;
  name: string;
  lines: string[];
}

/**
 * A tile cartogram: each département of the region where the grid puts it, with its figures,
 * and beside it a locator of metropolitan France with the region's squares filled.
 */
export function tileCartogram(tiles: readonly Tile[], locatorTitle: string): string {
  const [width, height, gap] = [200, 100, 8];
  const placed = tiles.map((tile, i) => ({ tile, at: DEPARTEMENT_TILES[tile.code] ?? ([15, i] as const) }));
  const top = Math.min(...placed.map((p) => p.at[0]));
  const left = Math.min(...placed.map((p) => p.at[1]));
  const rows = Math.max(...placed.map((p) => p.at[0])) - top + 1;
  const columns = Math.max(...placed.map((p) => p.at[1])) - left + 1;
  const mapWidth = columns * (width + gap) + gap;
  const mapHeight = rows * (height + gap) + gap;
  const esc = escapeHtml;
  const body = placed.map(({ tile, at }) => {
    const x = gap + (at[1] - left) * (width + gap);
    const y = gap + (at[0] - top) * (height + gap);
    return `<g data-departement="${esc(tile.code)}" data-row="${at[0]}" data-column="${at[1]}"><rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" fill="#e8f1f8" stroke="#0072B2" stroke-width="1.5"/>
<text x="${x + 10}" y="${y + 28}" font-size="22" font-weight="bold" fill="#0b3a5d">${esc(tile.code)}</text>
<text x="${x + 50}" y="${y + 26}" font-size="11" fill="#222222">${esc(tile.name.replace(/ \([0-9AB]+\)$/, ''))}</text>
${tile.lines.map((line, j) => `<text x="${x + 10}" y="${y + 52 + j * 16}" font-size="9.5" fill="#222222">${esc(line)}</text>`).join('\n')}</g>`;
  });
  // The locator: every mainland square, the region's in the tiles' blue.
  const cell = 10;
  const own = new Set(tiles.map((t) => t.code));
  const locatorX = mapWidth + 16;
  const locator = Object.entries(DEPARTEMENT_TILES)
    .filter(([, [row]]) => row < MAINLAND_ROWS)
    .map(
      ([code, [row, column]]) =>
        `<rect x="${locatorX + column * cell}" y="${24 + row * cell}" width="${cell - 1.5}" height="${cell - 1.5}" fill="${own.has(code) ? '#0072B2' : '#d0d7de'}"/>`,
    );
  const svgWidth = locatorX + 14 * cell + gap;
  const svgHeight = Math.max(mapHeight, 24 + MAINLAND_ROWS * cell + gap);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}" font-family="DejaVu Sans, Noto Sans, sans-serif">${body.join('\n')}
<text x="${locatorX}" y="14" font-size="9.5" fill="#222222">${esc(locatorTitle)}</text>
${locator.join('')}</svg>`;
}
