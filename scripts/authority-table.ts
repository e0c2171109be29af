/** Writes the authority table of src/auth/authority.ts into docs/security.md, between its markers (npm run docs:authority). */
import { readFileSync, writeFileSync } from 'node:fs';
import { authorityTableMarkdown } from '../src/auth/authority.js';

const FILE = 'docs/security.md';
const BEGIN = '<!-- authority-table:begin (generated from src/auth/authority.ts; a test keeps it equal) -->';
const END = '<!-- authority-table:end -->';
const doc = readFileSync(FILE, 'utf8');
const from = doc.indexOf(BEGIN);
const to = doc.indexOf(END);
if (from < 0 || to < from) throw new Error(`${FILE} has no authority-table markers`);
writeFileSync(FILE, `${doc.slice(0, from + BEGIN.length)}\n${authorityTableMarkdown()}\n${doc.slice(to)}`);
process.stdout.write(`${FILE}: authority table written\n`);
