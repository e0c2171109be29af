import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';

/** DejaVu Sans (full French coverage), from the `dejavu-fonts-ttf` package: the fonts every PDF embeds. */
export const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const DEJAVU = {
  normal: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italics: join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  bolditalics: join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};

// pdfmake (the national synthesis's PDF) gets the same fonts; only the font files are read, nothing is fetched.
pdfmake.setFonts({ DejaVu: DEJAVU });
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
pdfmake.setUrlAccessPolicy(() => false);
