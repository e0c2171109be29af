/**
 * Text on the way out, for what reaches people's tools (spreadsheets, calendars, browsers). Input
 * hygiene refuses control characters at the edge, but the log may hold text recorded before it
 * did: downloads never pass one on.
 */

// C0 except tab, line feed and carriage return; DEL; C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates: in a file name or a cell they disguise what follows.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi-override characters replaced by U+FFFD (visible, not silently dropped). */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '\ufffd').replace(BIDI, '\ufffd');
}

/**
 * OWASP CSV injection: a text cell starting with = + - @ tab or carriage return is a formula to
 * Excel or LibreOffice (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`); a leading apostrophe makes it
 * text. Numbers are written as numbers, so -12 stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML or SVG content and attribute values: controls replaced, markup characters escaped. */
export function escapeHtml(text: string): string {
  return withoutControls(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
