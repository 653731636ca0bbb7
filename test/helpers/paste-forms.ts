/**
 * The shapes one error reaches the bot in: as printed, hard-wrapped by an 80-column terminal,
 * escaped inside a JSON log line, quoted in Markdown, as the message of a `kubectl describe`
 * event, and copied out of a web page or an editor. Generated from a real example, so every example is tested in every shape.
 */
export type PasteForm = 'raw' | 'wrapped-80' | 'json-escaped' | 'markdown-quoted' | 'describe-event' | 'copied-from-editor';

export const PASTE_FORMS: readonly PasteForm[] = [
  'raw',
  'wrapped-80',
  'json-escaped',
  'markdown-quoted',
  'describe-event',
  'copied-from-editor',
];

const lines = (text: string) => text.replace(/\n+$/, '').split('\n');

/** What a terminal does: cut every line at the width, mid-word, no matter what. */
function wrap(text: string, width: number): string {
  return lines(text)
    .flatMap((line) => (line.length <= width ? [line] : (line.match(new RegExp(`.{1,${width}}`, 'g')) ?? [line])))
    .join('\n');
}

export function inForm(text: string, form: PasteForm): string {
  switch (form) {
    case 'raw':
      return text;
    case 'wrapped-80':
      return wrap(text, 80);
    case 'json-escaped':
      // a log shipper's line: the whole text, newlines and quotes escaped, in "msg"
      return JSON.stringify({ level: 'error', ts: '2026-01-02T03:04:05.000Z', msg: text.replace(/\n+$/, '') });
    case 'copied-from-editor':
      // through a web page, a wiki or a rich-text editor: no-break spaces for plain ones, a
      // zero-width space here and there, a byte-order mark in front, "smart" quotes and dashes
      // (the harshest such copy)
      return `\ufeff${text
        .replace(/"([^"\n]*)"/g, '\u201c$1\u201d')
        .replace(/'/g, '\u2019')
        .replace(/--/g, '\u2014')
        .replace(/ /g, '\u00a0')
        .replace(/:/g, ':\u200b')}`;
    case 'markdown-quoted':
      return lines(text)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'describe-event': {
      // each line the message of an event row, under the Events header kubectl prints
      const rows = lines(text)
        .filter((line) => line.trim().length > 0)
        .map((line) => `  Warning  Failed     2m (x4 over 10m)  kubelet  ${line.trim()}`);
      return [
        'Events:',
        '  Type     Reason     Age               From     Message',
        '  ----     ------     ----              ----     -------',
        ...rows,
      ].join('\n');
    }
  }
}
