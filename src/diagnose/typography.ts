/**
 * The typography of editors and web pages, made plain as a program printed it: a paste copied
 * through a browser, Slack's composer, a wiki or a ticket system is otherwise not the text the
 * signatures were written from. Runs before redaction, like the colour codes (normalize.ts).
 */

/**
 * Text copied from a browser, from Slack's or a wiki's editor, or from a word processor has
 * no-break and other typographic spaces where the program printed plain ones (an editor keeps a
 * run of spaces, as in a kubectl table, by turning every other one into U+00A0), and sometimes
 * characters of no width: a byte-order mark opening a saved log, zero-width spaces, soft hyphens.
 * A signature's literal has a plain space and no such characters, so without this the same error
 * copied from a web page is not recognised.
 */
const TYPOGRAPHIC_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const NO_WIDTH = /[\u00ad\u200b\u2060\ufeff]/g;
/** Either of the two: one test of the text, then only the replaces it needs. */
const UNUSUAL_SPACE = new RegExp(`${TYPOGRAPHIC_SPACE.source}|${NO_WIDTH.source}`);

/**
 * Punctuation an editor's "smart" typing makes of what a program printed: curly quotes for
 * straight ones, an em dash for a flag's two hyphens. Signatures are written with what programs
 * print; coreutils' own ‘…’ becomes '…', which the signatures that read it accept too.
 */
const SMART_DOUBLE = /[\u201c\u201d]/g;
const SMART_SINGLE = /[\u2018\u2019]/g;
const EM_DASH = /\u2014/g;
const SMART_PUNCTUATION = new RegExp(`${SMART_DOUBLE.source}|${SMART_SINGLE.source}|${EM_DASH.source}`);

/** The paste with the typography of editors and web pages made plain, as a program printed it. */
export function plainTypography(text: string): string {
  let plain = UNUSUAL_SPACE.test(text) ? text.replace(TYPOGRAPHIC_SPACE, ' ').replace(NO_WIDTH, '') : text;
  if (SMART_PUNCTUATION.test(plain)) plain = plain.replace(SMART_DOUBLE, '"').replace(SMART_SINGLE, "'").replace(EM_DASH, '--');
  return plain.includes('&') ? plainEntities(plain) : plain;
}

/**
 * Text copied out of an HTML page's source, a ticket system or an e-mail can carry the entities
 * a program's output never has (`failed calling webhook &quot;x&quot;`). Only the few that stand
 * for characters error text is made of are undone, &amp; last so that `&amp;quot;` stays `&quot;`.
 * Before redaction too: a value quoted with &quot; would otherwise end the secret's match at "&".
 */
const ENTITY = /&(?:quot|apos|lt|gt|nbsp|#3[49]|#x2[27]);/i;
const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&#34;': '"',
  '&#x22;': '"',
  '&apos;': "'",
  '&#39;': "'",
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
};
const ENTITY_ALL = new RegExp(ENTITY.source, 'gi');

function plainEntities(text: string): string {
  if (!ENTITY.test(text)) return text;
  return text.replace(ENTITY_ALL, (entity) => ENTITIES[entity.toLowerCase()] ?? entity).replace(/&amp;/gi, '&');
}
